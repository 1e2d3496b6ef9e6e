/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-demo"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "wb-csv.h"
#include "wb-demo.h"
#include "wb-import.h"
#include "wb-password.h"
#include "wb-region.h"
#include "wb-store-monitor.h"
#include "wb-store-private.h"

/* Everything is generated relative to this day and stamped with this moment, so that the
 * same seed gives the same database on any day. */
#define DEMO_END_YEAR   2026
#define DEMO_END_MONTH  10
#define DEMO_END_DAY    31
#define DEMO_STAMP      "2026-10-31T12:00:00Z"
#define DEMO_QUARTER    "2026-Q4"
/* The first whole year of the demo: seed 002's work plan, written for 2018–2021, starts
 * here (2018 is 2022, 2021 is 2025). */
#define WORK_PLAN_FIRST_YEAR 2022

/* Days are counted backwards from the end day: 0 is the end day, 365 a year before it,
 * negative numbers lie after it (due dates, closing dates). */
#define HISTORY_DAYS    (5 * 365)
#define STALE_DAYS      365
#define DORMANT_DAYS    183
#define LEFT_DAYS       123    /* the two who left did so on 2026-06-30 */
#define MAX_BACK        7400   /* the simulated years before the five (TOTAL_BACK) */
#define MAX_AHEAD       400

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

/* A whole number in [lo, hi]; the modulo bias is far below anything a demo can show. */
static int
rng_range (Rng *rng,
           int  lo,
           int  hi)
{
  g_assert (hi >= lo);
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

/* An index drawn with the given weights. */
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
#define PICK_WEIGHTED(rng, array, weights) \
  ((array)[rng_weighted ((rng), (weights), G_N_ELEMENTS (weights))])

/* The region: South Limburg as wb-region.h has it. */
#define N_REGIONS        WB_REGION_N_REGIONS
#define N_MUNICIPALITIES WB_REGION_N_MUNICIPALITIES
#define N_ORGANISATIONS  WB_REGION_N_ORGANISATIONS

static const char * const region_wsp[N_REGIONS] = { "wsp-parkstad", "podium24", "wsp-westelijke-mijnstreek" };

/* Names: common Dutch and Limburg names and names of the region's newer inhabitants. */
static const char * const given_names[] = {
  "Anna", "Bram", "Chantal", "Danny", "Els", "Fatima", "Gerrit", "Hanneke", "Ibrahim", "Jeroen",
  "Kim", "Luuk", "Maria", "Nicole", "Omar", "Paul", "Quinten", "Roos", "Sandra", "Tom",
  "Ursula", "Vincent", "Wendy", "Yusuf", "Zoë", "Bart", "Carla", "Dirk", "Eva", "Frank",
  "Gwen", "Huub", "Ilse", "Jos", "Karin", "Lars", "Mieke", "Nina", "Pieter", "Rachid",
  "Sjef", "Tessa", "Vera", "Wim", "Youssef", "Aisha", "Ahmed", "Marlies", "Noor", "Jan",
  "Piet", "Truus", "Lotte", "Mohammed", "Sanne", "Kevin", "Priya", "Dragan", "Agnieszka", "Tamara",
  "Mehmet", "Elif", "Hamza", "Samira", "Thijs", "Femke", "Giel", "Jolanda", "Robin", "Stefan",
  "Harie", "Mia", "Lei", "Jo", "Ans", "Sjra", "Fien", "Tiny", "Dominique", "Ramon",
  "Semhar", "Abdi", "Oksana", "Mariusz", "Rania", "Tarik", "Ioana", "Chiara", "Nadia", "Jens",
};

static const char * const family_names[] = {
  "Janssen", "Peters", "Smeets", "Hendriks", "Willems", "Vliegen", "Bemelmans", "Schreurs", "Lemmens", "Coenen",
  "Meijers", "Claessens", "Hermans", "Dassen", "Ramakers", "Jacobs", "Kuijpers", "Thijssen", "Frissen", "Wetzels",
  "Houben", "Vossen", "Kleijnen", "Brouns", "Habets", "Pluijmen", "Lardinois", "Notermans", "Ummels", "Kurvers",
  "de Jong", "de Vries", "van den Berg", "Bakker", "Visser", "Smit", "Mulder", "Bos", "Vos", "Dekker",
  "El Amrani", "Yilmaz", "Kaya", "Öztürk", "Bouzid", "Haddou", "Nowak", "Kowalski", "Popescu", "Ivanova",
  "Mahmoud", "Hassan", "Tesfaye", "Osman", "Nguyen", "Santos", "Pereira", "Rossi", "Müller", "Schmitz",
  "Lemaire", "Dubois", "Vroemen", "Moonen", "Senden", "Crombach", "Stassen", "Loo", "Gulpers", "Ortmans",
  "Souren", "Bastiaens", "Hensgens", "Pelzer", "Ploumen", "Schoonbrood", "Wolfs", "Geurts", "Reijnders", "Bisschops",
};

static const char * const streets[] = {
  "Akerstraat", "Kerkstraat", "Hoofdstraat", "Dorpstraat", "Stationsstraat", "Kloosterweg", "Geleenstraat",
  "Molenweg", "Schaesbergerweg", "Rijksweg", "Heerlerbaan", "Brugstraat", "Markt", "Pastoor Habetsstraat",
  "Mijnstraat", "Oranjestraat", "Wilhelminastraat", "Julianastraat", "Parklaan", "Veldstraat",
  "Kampstraat", "Bongerd", "Grachtstraat", "Beukenlaan", "Lindenlaan", "Burgemeester Damenstraat",
};

static const char * const place_words[] = {
  "Limburg", "Parkstad", "Maas", "Geul", "Heuvelland", "Mijnstreek", "Zuid", "Euregio", "Vijlen", "Anstel",
  "Sint Pieter", "Carbon", "Kasteel", "Brightlands", "Avantis", "Mergelland", "Selzerbeek", "Wormdal",
  "Kempen", "Jeker",
};

static const char * const company_forms[] = { "B.V.", "B.V.", "B.V.", "V.O.F.", "", "", "Holding B.V." };

/* Per sector of wb_sectors: words that go into a company name, and a job title for when
 * there is no taxonomy to take one from. */
typedef struct {
  const char *sector;
  const char *words[4];
  const char *title;
} SectorInfo;

static const SectorInfo sectors[] = {
  { "care", { "Zorggroep", "Thuiszorg", "Zorgcentrum", "Dagbesteding" }, "Medewerker zorg en welzijn" },
  { "hospitality", { "Hotel", "Brasserie", "Catering", "Eetcafé" }, "Medewerker horeca" },
  { "retail", { "Supermarkt", "Bouwmarkt", "Modehuis", "Woonwinkel" }, "Verkoopmedewerker" },
  { "logistics", { "Logistiek", "Transport", "Distributie", "Expeditie" }, "Logistiek medewerker" },
  { "manufacturing", { "Productie", "Metaalbewerking", "Kunststoffen", "Verpakkingen" }, "Productiemedewerker" },
  { "construction", { "Bouw", "Aannemersbedrijf", "Installatietechniek", "Schilderwerken" }, "Bouwplaatsmedewerker" },
  { "cleaning", { "Schoonmaak", "Glazenwassers", "Reiniging", "Schoonmaakdiensten" }, "Schoonmaker" },
  { "green", { "Hoveniers", "Groenvoorziening", "Tuincentrum", "Kwekerij" }, "Medewerker groen" },
  { "customer_service", { "Klantcontact", "Contactcenter", "Servicedesk", "Klantenservice" }, "Klantenservicemedewerker" },
  { "automotive", { "Autobedrijf", "Garage", "Carrosserie", "Automotive" }, "Medewerker automotive" },
  { "technology", { "Techniek", "Elektrotechniek", "Installaties", "Engineering" }, "Technisch medewerker" },
  { "smart_services", { "ICT", "Data Services", "Digital", "Software" }, "Medewerker ICT-support" },
  { "medical_logistics", { "Medische Logistiek", "Medical Supplies", "Zorglogistiek", "Pharma Distributie" },
    "Medewerker medische logistiek" },
  { "leisure", { "Recreatie", "Vakantiepark", "Attractiepark", "Sportcentrum" }, "Medewerker recreatie" },
  { "education", { "Kinderopvang", "Opleidingen", "Leercentrum", "Scholengroep" }, "Onderwijsassistent" },
  { "government", { "Stadsbeheer", "Milieupark", "Dienstverlening", "Gemeentewerken" }, "Medewerker openbare ruimte" },
  { "business_services", { "Administratiekantoor", "Beveiliging", "Facilitair", "Adviesgroep" }, "Administratief medewerker" },
  { "agriculture", { "Fruitteelt", "Akkerbouw", "Zorgboerderij", "Melkveebedrijf" }, "Medewerker land- en tuinbouw" },
};

static const SectorInfo *
sector_info (const char *sector)
{
  for (guint i = 0; i < G_N_ELEMENTS (sectors); i++)
    if (strcmp (sectors[i].sector, sector) == 0)
      return &sectors[i];
  g_assert_not_reached ();
}

/* Opportunity sectors of the region (seed 001, wb_region_opportunity_sectors) are drawn far
 * more often than their share of all. */
static const char *
draw_sector (Rng   *rng,
             guint  region)
{
  if (rng_chance (rng, 0.45))
    {
      const char * const *own = wb_region_opportunity_sectors (wb_region_names[region]);
      guint n = g_strv_length ((char **) own);

      return own[rng_range (rng, 0, n - 1)];
    }
  return PICK (rng, sectors).sector;
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
  const WbRegionOrganisation *org;
  GArray *lams;          /* local account managers, gint64 */
  GArray *consultants;
  GArray *wsp_ams;
  gint64 coordinator;
} OrgState;

typedef struct {
  gint64 id;
  guint municipality;
  const char *sector;
  const char *pc4;
  gint64 owner;
  gint64 owner_organisation;
  gboolean owner_active;
} EmployerInfo;

typedef struct {
  gint64 id;
  guint employer;        /* index into Demo.employers */
  int opened;            /* days back */
  int hours;
  const char *contract;
  gint64 created_by;
  gint64 organisation;
  gboolean used;         /* a placement already filled it */
} VacancyInfo;

typedef struct {
  WbStore *store;
  const WbDemoOptions *options;
  Rng rng;
  char (*days)[11];      /* YYYY-MM-DD for days back in [-MAX_AHEAD, MAX_BACK] */
  guint64 bsn_counter;
  guint64 bsn_offset;
  guint64 kvk_offset;
  OrgState orgs[N_ORGANISATIONS];
  gint64 municipality_ids[N_MUNICIPALITIES];
  char *municipality_codes[N_MUNICIPALITIES];
  double recipients[N_MUNICIPALITIES];
  double outflow[N_MUNICIPALITIES];
  double outflow_rate[N_MUNICIPALITIES];            /* outflow to work per recipient, a year */
  double work_rate[N_MUNICIPALITIES];               /* the monthly chance of work at capacity weight 1 */
  double inflow_weight[N_MUNICIPALITIES];           /* of the intakes, so that caseloads follow recipients */
  GPtrArray *pc4s[N_MUNICIPALITIES];                 /* char * */
  GPtrArray *occupations;                            /* Occupation * */
  GArray *competences;                               /* gint64, all starter competences */
  GArray *employers;                                 /* EmployerInfo */
  GArray *region_employers[N_REGIONS];               /* guint index into employers */
  GArray *large_employers;                           /* guint index into employers */
  GArray *vacancies;                                 /* VacancyInfo */
  GArray *open_vacancies;                            /* guint index into vacancies */
  GArray *filled_vacancies[N_REGIONS];               /* guint index into vacancies */
  GArray *candidates;                                /* gint64 clients fit for a match */
  GHashTable *company_names;                         /* normalised names taken */
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

static void
make_days (Demo *demo)
{
  GDate end;

  g_date_clear (&end, 1);
  g_date_set_dmy (&end, DEMO_END_DAY, DEMO_END_MONTH, DEMO_END_YEAR);
  demo->days = g_malloc_n (MAX_AHEAD + MAX_BACK + 1, sizeof *demo->days);
  for (int back = -MAX_AHEAD; back <= MAX_BACK; back++)
    {
      GDate date;

      g_date_clear (&date, 1);
      g_date_set_julian (&date, g_date_get_julian (&end) - back);
      g_snprintf (demo->days[back + MAX_AHEAD], 11, "%04d-%02d-%02d",
                  g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date));
    }
}

/* The date @back days before the end day (after it when negative), as YYYY-MM-DD. */
static const char *
day (Demo *demo,
     int   back)
{
  g_assert (back >= -MAX_AHEAD && back <= MAX_BACK);
  return demo->days[back + MAX_AHEAD];
}

/* Days back are never less than 0: nothing happens after the end day. (A function, not
 * MAX, so that a random draw in the argument is made once.) */
static int
not_before_end (int back)
{
  return back < 0 ? 0 : back;
}

static OrgState *
org_by_code (Demo       *demo,
             const char *code)
{
  for (guint i = 0; i < N_ORGANISATIONS; i++)
    if (strcmp (wb_region_organisations[i].code, code) == 0)
      return &demo->orgs[i];
  g_assert_not_reached ();
}

/* The organisation whose clients municipality @m's clients are; every one has one. */
static OrgState *
municipality_owner (Demo  *demo,
                    guint  m)
{
  int owner = wb_region_owner_of (wb_region_organisations, N_ORGANISATIONS, m);

  g_assert (owner >= 0);
  return &demo->orgs[owner];
}

static gint64
pick_id (Rng    *rng,
         GArray *ids)
{
  g_assert (ids->len > 0);
  return g_array_index (ids, gint64, rng_range (rng, 0, ids->len - 1));
}

static guint
pick_index (Rng    *rng,
            GArray *indices)
{
  g_assert (indices->len > 0);
  return g_array_index (indices, guint, rng_range (rng, 0, indices->len - 1));
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

/* The municipality a CBS row counts for: its own, or the successor of one merged since
 * ("Nuth (nu Beekdaelen)"); -1 for none of ours. */
static int
cbs_municipality (const char *gemeente,
                  gboolean   *own_row)
{
  const char *now = strstr (gemeente, "(nu ");
  g_autofree char *successor = NULL;

  *own_row = now == NULL;
  if (now != NULL)
    {
      const char *close = strchr (now, ')');

      successor = g_strndup (now + 4, close != NULL ? (gsize) (close - now - 4) : strlen (now + 4));
      gemeente = g_strstrip (successor);
    }
  for (guint m = 0; m < N_MUNICIPALITIES; m++)
    if (g_ascii_strcasecmp (gemeente, wb_region_municipalities[m].name) == 0)
      return m;
  return -1;
}

static gboolean
read_cbs (Demo     *demo,
          GError  **error)
{
  g_autoptr(WbCsv) csv = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *latest = NULL;
  gboolean seen[N_MUNICIPALITIES] = { FALSE };
  int year, code, name, recipients, outflow;

  for (guint m = 0; m < N_MUNICIPALITIES; m++)
    {
      demo->recipients[m] = wb_region_municipalities[m].recipients;
      demo->outflow[m] = wb_region_municipalities[m].outflow;
      demo->municipality_codes[m] = g_strdup (wb_region_municipalities[m].code);
    }

  if (demo->options->cbs_path != NULL)
    {
      csv = wb_csv_open (demo->options->cbs_path, error);
      if (csv == NULL)
        return FALSE;
      year = wb_csv_column (csv, "year");
      code = wb_csv_column (csv, "gemeentecode");
      name = wb_csv_column (csv, "gemeente");
      recipients = wb_csv_column (csv, "bijstandsontvangers");
      outflow = wb_csv_column (csv, "uitstroom_naar_werk");
      if (year < 0 || code < 0 || name < 0 || recipients < 0 || outflow < 0)
        {
          g_set_error (error, WB_STORE_ERROR, WB_STORE_ERROR_INVALID,
                       _("%s is not the CBS social-assistance file: it lacks year, gemeentecode, "
                         "gemeente, bijstandsontvangers or uitstroom_naar_werk"), demo->options->cbs_path);
          return FALSE;
        }

      /* The latest year in the file; a municipality merged since then counts into its
       * successor, which keeps its own code. */
      while (wb_csv_next (csv, &local_error))
        {
          const char *this_year = wb_csv_get (csv, year);
          gboolean own_row;
          int m = cbs_municipality (wb_csv_get (csv, name), &own_row);
          double r = 0, o = 0;

          if (latest == NULL || strcmp (this_year, latest) > 0)
            {
              g_free (latest);
              latest = g_strdup (this_year);
              for (guint k = 0; k < N_MUNICIPALITIES; k++)
                {
                  demo->recipients[k] = demo->outflow[k] = 0;
                  seen[k] = FALSE;
                }
            }
          else if (strcmp (this_year, latest) < 0)
            continue;
          if (m < 0)
            continue;

          wb_csv_parse_number (wb_csv_get (csv, recipients), &r);
          wb_csv_parse_number (wb_csv_get (csv, outflow), &o);
          demo->recipients[m] += r;
          demo->outflow[m] += o;
          seen[m] = TRUE;
          if (own_row && *wb_csv_get (csv, code) != '\0')
            {
              g_free (demo->municipality_codes[m]);
              demo->municipality_codes[m] = g_strdup (wb_csv_get (csv, code));
            }
        }
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      for (guint m = 0; m < N_MUNICIPALITIES; m++)
        if (!seen[m])
          {
            g_set_error (error, WB_STORE_ERROR, WB_STORE_ERROR_INVALID,
                         _("%s has no figures for %s"), demo->options->cbs_path, wb_region_municipalities[m].name);
            return FALSE;
          }
    }

  /* Each year, this share of a municipality's clients flows out to work. */
  for (guint m = 0; m < N_MUNICIPALITIES; m++)
    demo->outflow_rate[m] = demo->recipients[m] > 0 ? demo->outflow[m] / demo->recipients[m] : 0.12;
  return TRUE;
}

static gboolean
create_region (Demo     *demo,
               GError  **error)
{
  gint64 organisation_ids[N_ORGANISATIONS];
  sqlite3_stmt *stmt;

  if (!wb_region_insert (demo->store, wb_region_organisations, N_ORGANISATIONS,
                         (const char * const *) demo->municipality_codes, DEMO_STAMP,
                         organisation_ids, demo->municipality_ids, error))
    return FALSE;

  for (guint o = 0; o < N_ORGANISATIONS; o++)
    {
      OrgState *state = &demo->orgs[o];

      state->id = organisation_ids[o];
      state->org = &wb_region_organisations[o];
      state->lams = g_array_new (FALSE, FALSE, sizeof (gint64));
      state->consultants = g_array_new (FALSE, FALSE, sizeof (gint64));
      state->wsp_ams = g_array_new (FALSE, FALSE, sizeof (gint64));
    }

  /* Postcode areas of each municipality: from the imported table when there is one. */
  for (guint m = 0; m < N_MUNICIPALITIES; m++)
    {
      demo->pc4s[m] = g_ptr_array_new_with_free_func (g_free);
      stmt = _wb_store_prepare (demo->store,
                                "SELECT pc4 FROM pc4_areas WHERE municipality = ?1 COLLATE NOCASE ORDER BY pc4",
                                error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, wb_region_municipalities[m].name, -1, SQLITE_STATIC);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_ptr_array_add (demo->pc4s[m], g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      sqlite3_reset (stmt);
      if (demo->pc4s[m]->len == 0)
        {
          g_auto(GStrv) codes = g_strsplit (wb_region_municipalities[m].pc4s, " ", -1);

          for (guint i = 0; codes[i] != NULL; i++)
            g_ptr_array_add (demo->pc4s[m], g_strdup (codes[i]));
        }
    }
  return TRUE;
}

/* The monitor's settings: the saved benefit per outflow to work of each subregion (seed
 * 002), and the CBS figures the demo was made from, for the monitor to compare with. */
static gboolean
create_monitor_settings (Demo     *demo,
                         GError  **error)
{
  for (guint r = 0; r < N_REGIONS; r++)
    {
      sqlite3_stmt *stmt = _wb_store_prepare (demo->store,
                                              "INSERT INTO monitor_settings (region, saved_benefit, created_at, updated_at) "
                                              "VALUES (?1, ?2, ?3, ?3)", error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, wb_region_names[r], -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 2, WB_MONITOR_DEFAULT_SAVED_BENEFIT);
      sqlite3_bind_text (stmt, 3, DEMO_STAMP, -1, SQLITE_STATIC);
      if (!_wb_store_step_done (demo->store, stmt, error))
        return FALSE;
    }
  if (demo->options->cbs_path != NULL)
    {
      g_autoptr(WbImportReport) report = wb_import_report_new ();

      return _wb_import_cbs_rows (demo->store, demo->options->cbs_path, DEMO_STAMP, report, error);
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
  bind_text_or_null (stmt, 7, active ? NULL : day (demo, LEFT_DAYS));
  sqlite3_bind_text (stmt, 8, hash, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 9, DEMO_STAMP, -1, SQLITE_STATIC);
  return insert_done (demo, stmt, error);
}

/* Users "<orgcode>.<short><n>", or "<orgcode>.<short>" for a role the organisation has once. */
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
      g_autofree char *username = into == NULL
                                  ? g_strdup_printf ("%s.%s", org->org->code, short_name)
                                  : g_strdup_printf ("%s.%s%u", org->org->code, short_name, n);
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
  /* One hash for everyone: Argon2id is slow on purpose. */
  g_autofree char *hash = wb_password_hash (WB_DEMO_PASSWORD, error);

  if (hash == NULL)
    return FALSE;

  for (guint o = 0; o < N_ORGANISATIONS; o++)
    {
      OrgState *org = &demo->orgs[o];

      if (org->org->owns_clients)
        {
          if (!add_users (demo, org, "account_manager_local", "lam", 2, org->lams, hash, error) ||
              !add_users (demo, org, "consultant", "consultant", 3, org->consultants, hash, error) ||
              !add_users (demo, org, "coordinator", "coordinator", 1, NULL, hash, error) ||
              !add_users (demo, org, "analyst", "analyst", 1, NULL, hash, error))
            return FALSE;
        }
      else if (strcmp (org->org->kind, "wsp") == 0)
        {
          if (!add_users (demo, org, "account_manager_wsp", "am", 3, org->wsp_ams, hash, error) ||
              !add_users (demo, org, "coordinator", "coordinator", 1, NULL, hash, error))
            return FALSE;
        }
      else if (!add_users (demo, org, "consultant", "consultant", 1, org->consultants, hash, error))
        return FALSE;
    }

  demo->admin = add_user (demo, org_by_code (demo, "wsp-zuid-limburg"), "admin", "admin", hash, TRUE, error);
  if (demo->admin == 0)
    return FALSE;
  /* Two who have left and still own accounts: work for the coordinator's queue. */
  demo->left_users[0] = add_user (demo, org_by_code (demo, "isd-bol"), "isd-bol.lam3", "account_manager_local",
                                  hash, FALSE, error);
  if (demo->left_users[0] == 0)
    return FALSE;
  demo->left_users[1] = add_user (demo, org_by_code (demo, "podium24"), "podium24.am4", "account_manager_wsp",
                                  hash, FALSE, error);
  return demo->left_users[1] != 0;
}

/* Taxonomy */

static gint64
max_id (Demo       *demo,
        const char *sql)
{
  sqlite3_stmt *stmt = _wb_store_prepare (demo->store, sql, NULL);
  gint64 id = 0;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return id;
}

static gboolean
load_taxonomy (Demo     *demo,
               GError  **error)
{
  gint64 last_competence = max_id (demo, "SELECT coalesce (max (id), 0) FROM competences");
  gint64 last_occupation = max_id (demo, "SELECT coalesce (max (id), 0) FROM occupations");
  sqlite3_stmt *stmt;

  if (!wb_starter_taxonomy_load (demo->store, error))
    return FALSE;

  /* Rows this run created carry the demo's clock too, so that a seed always gives the
   * same database. */
  stmt = _wb_store_prepare (demo->store, "UPDATE competences SET created_at = ?2 WHERE id > ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, last_competence);
  sqlite3_bind_text (stmt, 2, DEMO_STAMP, -1, SQLITE_STATIC);
  if (!_wb_store_step_done (demo->store, stmt, error))
    return FALSE;
  stmt = _wb_store_prepare (demo->store, "UPDATE occupations SET created_at = ?2 WHERE id > ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, last_occupation);
  sqlite3_bind_text (stmt, 2, DEMO_STAMP, -1, SQLITE_STATIC);
  if (!_wb_store_step_done (demo->store, stmt, error))
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

/* One of the sector's own occupations most of the time, otherwise any; NULL when there is
 * no taxonomy. */
static Occupation *
pick_occupation (Demo       *demo,
                 const char *sector)
{
  if (demo->occupations->len == 0)
    return NULL;
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

/* A company name is the same company when it is the same without case, punctuation,
 * spaces and legal form: "Maas Logistiek B.V." is "Maas Logistiek BV". */
static char *
normalise_company (const char *name)
{
  static const char * const forms[] = { "holdingbv", "bv", "vof" };
  GString *key = g_string_new (NULL);

  for (const char *p = name; *p != '\0'; p++)
    if (g_ascii_isalnum (*p) || (*p & 0x80))
      g_string_append_c (key, g_ascii_tolower (*p));
  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    if (g_str_has_suffix (key->str, forms[i]) && key->len > strlen (forms[i]))
      {
        g_string_truncate (key, key->len - strlen (forms[i]));
        break;
      }
  return g_string_free (key, FALSE);
}

/* A Dutch-looking company name that no other employer has. */
static char *
company_name (Demo       *demo,
              const char *sector,
              guint       municipality)
{
  const SectorInfo *info = sector_info (sector);

  for (guint attempt = 0; ; attempt++)
    {
      const char *word = PICK (&demo->rng, info->words);
      const char *form = PICK (&demo->rng, company_forms);
      g_autofree char *base = NULL;
      g_autofree char *key = NULL;

      switch (rng_range (&demo->rng, 0, 2))
        {
        case 0:
          base = g_strdup_printf ("%s %s", word, PICK (&demo->rng, family_names));
          break;
        case 1:
          base = g_strdup_printf ("%s %s", PICK (&demo->rng, place_words), word);
          break;
        default:
          base = g_strdup_printf ("%s %s", PICK (&demo->rng, family_names), word);
          break;
        }
      /* Many employers: a branch name, and in the end a number, keeps them apart. */
      if (attempt >= 20)
        {
          char *longer = g_strdup_printf ("%s %s", base, wb_region_municipalities[municipality].name);
          g_free (base);
          base = longer;
        }
      if (attempt >= 40)
        {
          char *numbered = g_strdup_printf ("%s %u", base, attempt);
          g_free (base);
          base = numbered;
        }
      base[0] = g_ascii_toupper (base[0]);   /* "De Jong ICT" */
      key = normalise_company (base);
      if (g_hash_table_contains (demo->company_names, key))
        continue;
      g_hash_table_add (demo->company_names, g_steal_pointer (&key));
      return *form != '\0' ? g_strdup_printf ("%s %s", base, form) : g_steal_pointer (&base);
    }
}

/* The same company written another way: "X B.V." becomes "X BV", "X" becomes "X B.V.". */
static char *
duplicate_name (const char *name)
{
  if (g_str_has_suffix (name, " B.V."))
    return g_strdup_printf ("%.*sBV", (int) strlen (name) - 4, name);
  if (g_str_has_suffix (name, " V.O.F."))
    return g_strdup_printf ("%.*sVOF", (int) strlen (name) - 6, name);
  return g_strdup_printf ("%s B.V.", name);
}

/* Clients and employers are spread over the municipalities as the social-assistance
 * recipients are (CBS). */
static guint
pick_municipality (Demo *demo)
{
  double weights[N_MUNICIPALITIES];

  for (guint m = 0; m < N_MUNICIPALITIES; m++)
    weights[m] = demo->recipients[m] + 1;
  return rng_weighted (&demo->rng, weights, N_MUNICIPALITIES);
}

static guint
municipality_by_name (const char *name)
{
  for (guint m = 0; m < N_MUNICIPALITIES; m++)
    if (strcmp (wb_region_municipalities[m].name, name) == 0)
      return m;
  g_assert_not_reached ();
}

static const char *
pick_pc4 (Demo  *demo,
          guint  m)
{
  return demo->pc4s[m]->pdata[rng_range (&demo->rng, 0, demo->pc4s[m]->len - 1)];
}

/* KvK numbers: eight digits, unique, spread over the range by a multiplication that is a
 * permutation modulo 90,000,000 (the multiplier is a prime that does not divide it). */
static char *
next_kvk (Demo  *demo,
          guint  index)
{
  guint64 n = ((guint64) index * 7368787u + demo->kvk_offset) % 90000000u;

  return g_strdup_printf ("%08" G_GUINT64_FORMAT, 10000000u + n);
}

static gboolean
add_contact_log (Demo          *demo,
                 EmployerInfo  *employer,
                 GError       **error)
{
  static const char * const kinds[] = { "visit", "call", "call", "mail" };
  static const char * const notes[] = {
    "Kennismaking en wervingsbehoefte besproken", "Vacature voor orderpickers doorgenomen",
    "Kandidaat voorgesteld", "Nazorg na plaatsing", "Mogelijkheden voor jobcarving verkend",
    "Leerwerktraject besproken", "Telefonisch contact over openstaande vacature",
    "Loonkostensubsidie toegelicht", "Bedrijfsbezoek met kandidaat",
  };
  /* Some accounts have gone quiet: no contact in more than six months (dormant). */
  gboolean dormant = rng_chance (&demo->rng, 0.15);
  int newest = dormant ? DORMANT_DAYS + 7 : 0;
  int latest_back = -1;
  sqlite3_stmt *stmt;

  /* Someone who left made no calls afterwards. */
  if (!employer->owner_active)
    newest = MAX (newest, LEFT_DAYS + 1);

  /* An account in use had its latest contact within the last three months, so that it is
   * not dormant in the months after the demo's date either; a dormant one may never have
   * been contacted at all. */
  for (int c = rng_range (&demo->rng, dormant ? 0 : 1, 5), first = TRUE; c > 0; c--, first = FALSE)
    {
      int back = rng_range (&demo->rng, newest, newest + (dormant ? 700 : first ? 90 : 500));

      stmt = _wb_store_prepare (demo->store,
                                "INSERT INTO contact_log (employer_id, user_id, organisation_id, date, kind, note, created_at) "
                                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, employer->id);
      sqlite3_bind_int64 (stmt, 2, employer->owner);
      sqlite3_bind_int64 (stmt, 3, employer->owner_organisation);
      sqlite3_bind_text (stmt, 4, day (demo, back), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, PICK (&demo->rng, kinds), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, PICK (&demo->rng, notes), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 7, DEMO_STAMP, -1, SQLITE_STATIC);
      if (insert_done (demo, stmt, error) == 0)
        return FALSE;
      if (latest_back < 0 || back < latest_back)
        latest_back = back;
    }

  if (latest_back < 0)
    return TRUE;
  stmt = _wb_store_prepare (demo->store, "UPDATE employers SET last_contact = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, employer->id);
  sqlite3_bind_text (stmt, 2, day (demo, latest_back), -1, SQLITE_STATIC);
  return _wb_store_step_done (demo->store, stmt, error);
}

static gboolean
add_contacts (Demo          *demo,
              EmployerInfo  *employer,
              GError       **error)
{
  static const char * const functions[] = { "HR-adviseur", "Eigenaar", "Bedrijfsleider", "Teamleider", "Office manager" };

  for (int c = rng_range (&demo->rng, 1, 2); c > 0; c--)
    {
      const char *given = PICK (&demo->rng, given_names);
      const char *family = PICK (&demo->rng, family_names);
      g_autofree char *person = g_strdup_printf ("%s %s", given, family);
      g_autofree char *ascii = g_str_to_ascii (given, "C");
      g_autofree char *lower = g_ascii_strdown (ascii, -1);
      g_autofree char *email = g_strdup_printf ("%s.%" G_GINT64_FORMAT "@werkgever.example", lower, employer->id);
      /* Visibly not a real number. */
      g_autofree char *phone = g_strdup_printf ("0%d-0000000", PICK (&demo->rng, ((const int[]) { 43, 45, 46 })));
      sqlite3_stmt *stmt = _wb_store_prepare (demo->store,
                                              "INSERT INTO employer_contacts (employer_id, name, function, email, phone, "
                                              "created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)", error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, employer->id);
      sqlite3_bind_text (stmt, 2, person, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, PICK (&demo->rng, functions), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, email, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 5, phone, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 6, DEMO_STAMP, -1, SQLITE_STATIC);
      if (insert_done (demo, stmt, error) == 0)
        return FALSE;
    }
  return TRUE;
}

static gint64
organisation_of_user (Demo   *demo,
                      gint64  user)
{
  for (guint o = 0; o < N_ORGANISATIONS; o++)
    {
      OrgState *org = &demo->orgs[o];
      GArray *lists[] = { org->lams, org->consultants, org->wsp_ams };

      if (org->coordinator == user)
        return org->id;
      for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
        for (guint i = 0; i < lists[l]->len; i++)
          if (g_array_index (lists[l], gint64, i) == user)
            return org->id;
    }
  if (user == demo->left_users[0])
    return org_by_code (demo, "isd-bol")->id;
  if (user == demo->left_users[1])
    return org_by_code (demo, "podium24")->id;
  g_assert_not_reached ();
}

/* Employer accounts with deliberate faults for the coordinator's review queue, by their
 * index in the order of generation (from 0): the owner has left (7 and 207 of every 400),
 * the same company a second time under another KvK number and a slightly other name
 * (210 of every 211, a copy of the one before it), and an owner against the <25/≥25 rule
 * without an exception (50 of every 100). */
static gboolean
employer_has_left_owner (guint i)
{
  return i % 400 == 7 || i % 400 == 207;
}

static gboolean
employer_is_duplicate (guint i)
{
  return i % 211 == 210 && !employer_has_left_owner (i);
}

static gboolean
employer_has_wrong_owner (guint i)
{
  return i % 100 == 50 && !employer_has_left_owner (i) && !employer_is_duplicate (i);
}

/* The employer accounts, with the faults above, and about 3 % of the large ones kept by a
 * local account manager as an approved exception. */
static gboolean
create_employers (Demo     *demo,
                  guint     n,
                  GError  **error)
{
  g_autofree char *previous_name = NULL;
  int previous_count = 0;

  demo->employers = g_array_sized_new (FALSE, TRUE, sizeof (EmployerInfo), n);
  demo->large_employers = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint r = 0; r < N_REGIONS; r++)
    demo->region_employers[r] = g_array_new (FALSE, FALSE, sizeof (guint));
  demo->company_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < n; i++)
    {
      EmployerInfo info = { 0 };
      gboolean duplicate = employer_is_duplicate (i);
      gboolean left_owner = employer_has_left_owner (i);
      gboolean wrong_owner = employer_has_wrong_owner (i);
      const EmployerInfo *original = duplicate ? &g_array_index (demo->employers, EmployerInfo, i - 1) : NULL;
      g_autofree char *kvk = next_kvk (demo, i);
      g_autofree char *name = NULL;
      const char *exception = NULL;
      const char *approved_at = NULL;
      gint64 approver = 0;
      gboolean large;
      int count;
      OrgState *local, *wsp;
      guint region;
      sqlite3_stmt *stmt;

      if (left_owner)
        {
          /* isd-bol.lam3 kept a small account in Brunssum, podium24.am4 a large one in Maastricht. */
          gboolean first = i % 400 == 7;

          info.municipality = municipality_by_name (first ? "Brunssum" : "Maastricht");
          large = !first;
        }
      else if (duplicate)
        {
          info.municipality = original->municipality;
          large = previous_count >= 25;
        }
      else
        {
          info.municipality = pick_municipality (demo);
          large = rng_chance (&demo->rng, 0.2);
        }
      region = wb_region_municipalities[info.municipality].region;
      local = municipality_owner (demo, info.municipality);
      wsp = org_by_code (demo, region_wsp[region]);
      count = large ? (rng_chance (&demo->rng, 0.8) ? rng_range (&demo->rng, 25, 120) : rng_range (&demo->rng, 121, 900))
                    : rng_range (&demo->rng, 1, 24);

      if (duplicate)
        {
          /* The same company: its size, place and sector come along. */
          count = previous_count;
          info.sector = original->sector;
          info.pc4 = original->pc4;
          name = duplicate_name (previous_name);
        }
      else
        {
          info.sector = draw_sector (&demo->rng, region);
          info.pc4 = pick_pc4 (demo, info.municipality);
          name = company_name (demo, info.sector, info.municipality);
        }
      large = count >= 25;

      /* The rule: 25 or more employees is the WSP's, fewer the local account manager's. */
      info.owner = large ? pick_id (&demo->rng, wsp->wsp_ams) : pick_id (&demo->rng, local->lams);
      info.owner_active = TRUE;
      if (left_owner)
        {
          info.owner = demo->left_users[i % 400 == 7 ? 0 : 1];
          info.owner_active = FALSE;
        }
      else if (wrong_owner)
        info.owner = large ? pick_id (&demo->rng, local->lams) : pick_id (&demo->rng, wsp->wsp_ams);
      else if (large && !duplicate && rng_chance (&demo->rng, 0.03))
        {
          /* An approved exception: a local account manager with a good way in. */
          info.owner = pick_id (&demo->rng, local->lams);
          exception = "Goede ingang: jarenlange relatie van de lokale accountmanager met de eigenaar";
          approver = wsp->coordinator;
          approved_at = day (demo, rng_range (&demo->rng, 30, 700));
        }
      info.owner_organisation = organisation_of_user (demo, info.owner);

      stmt = _wb_store_prepare (demo->store,
                                "INSERT INTO employers (kvk, name, sector, employee_count, pc4, municipality_id, owner_id, "
                                "exception_reason, exception_approved_by, exception_approved_at, arrangement, learn_work, "
                                "active, created_at, updated_at) "
                                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 1, ?13, ?13)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, kvk, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, info.sector, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 4, count);
      sqlite3_bind_text (stmt, 5, info.pc4, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 6, demo->municipality_ids[info.municipality]);
      sqlite3_bind_int64 (stmt, 7, info.owner);
      bind_text_or_null (stmt, 8, exception);
      bind_id_or_null (stmt, 9, approver);
      bind_text_or_null (stmt, 10, approved_at);
      sqlite3_bind_int (stmt, 11, rng_chance (&demo->rng, 0.08));
      sqlite3_bind_int (stmt, 12, rng_chance (&demo->rng, 0.12));
      sqlite3_bind_text (stmt, 13, DEMO_STAMP, -1, SQLITE_STATIC);
      info.id = insert_done (demo, stmt, error);
      if (info.id == 0)
        return FALSE;
      g_array_append_val (demo->employers, info);
      g_array_append_val (demo->region_employers[region], i);
      g_free (previous_name);
      previous_name = g_strdup (name);
      previous_count = count;
      if (large)
        g_array_append_val (demo->large_employers, i);

      if (!add_contacts (demo, &info, error) || !add_contact_log (demo, &info, error))
        return FALSE;
      if (i % 256 == 0)
        progress (demo, _("Employers"), (double) i / n);
    }
  return TRUE;
}

static char *
capitalise (const char *label)
{
  char *text = g_strdup (label);

  text[0] = g_ascii_toupper (text[0]);
  return text;
}

/* 3 to 8 required competences: the occupation's essential ones first, then its optional
 * ones, then any, so that a vacancy has some even for an occupation with few. */
static gboolean
add_vacancy_competences (Demo        *demo,
                         gint64       vacancy,
                         Occupation  *occupation,
                         GError     **error)
{
  gint64 chosen[8];
  gboolean essential[8];
  guint n = 0, want;

  if (demo->competences->len == 0)
    return TRUE;
  want = rng_range (&demo->rng, 3, 8);
  want = MIN (want, demo->competences->len);

  for (guint pass = 0; pass < 3 && n < want; pass++)
    {
      GArray *from = occupation == NULL ? NULL : pass == 0 ? occupation->essential : occupation->optional;

      if (pass < 2 && from == NULL)
        continue;
      for (guint tries = 0; n < want && tries < (pass < 2 ? from->len * 2 : 64); tries++)
        {
          gint64 id = pass < 2 ? pick_id (&demo->rng, from) : pick_id (&demo->rng, demo->competences);
          gboolean taken = FALSE;

          for (guint k = 0; k < n; k++)
            taken = taken || chosen[k] == id;
          if (taken)
            continue;
          chosen[n] = id;
          essential[n] = pass == 0;
          n++;
        }
    }

  for (guint k = 0; k < n; k++)
    {
      sqlite3_stmt *stmt = _wb_store_prepare (demo->store,
                                              "INSERT INTO vacancy_competences (vacancy_id, competence_id, level, essential) "
                                              "VALUES (?1, ?2, ?3, ?4)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, vacancy);
      sqlite3_bind_int64 (stmt, 2, chosen[k]);
      sqlite3_bind_int (stmt, 3, essential[k] ? rng_range (&demo->rng, 2, 4) : rng_range (&demo->rng, 1, 3));
      sqlite3_bind_int (stmt, 4, essential[k]);
      if (!_wb_store_step_done (demo->store, stmt, error))
        return FALSE;
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

  demo->vacancies = g_array_sized_new (FALSE, TRUE, sizeof (VacancyInfo), n);
  demo->open_vacancies = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint r = 0; r < N_REGIONS; r++)
    demo->filled_vacancies[r] = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < n && demo->employers->len > 0; i++)
    {
      /* Larger employers have more openings: half of all come from them. */
      guint e = demo->large_employers->len > 0 && rng_chance (&demo->rng, 0.5)
                ? pick_index (&demo->rng, demo->large_employers)
                : (guint) rng_range (&demo->rng, 0, demo->employers->len - 1);
      const EmployerInfo *employer = &g_array_index (demo->employers, EmployerInfo, e);
      guint region = wb_region_municipalities[employer->municipality].region;
      Occupation *occupation = pick_occupation (demo, employer->sector);
      double roll = rng_double (&demo->rng);
      const char *status = roll < 0.7 ? "open" : roll < 0.9 ? "filled" : "closed";
      gboolean open = g_str_equal (status, "open");
      VacancyInfo info = { 0 };
      g_autofree char *title = occupation != NULL ? capitalise (occupation->label)
                                                  : g_strdup (sector_info (employer->sector)->title);
      OrgState *wsp = org_by_code (demo, region_wsp[region]);
      sqlite3_stmt *stmt;

      info.employer = e;
      info.opened = open ? rng_range (&demo->rng, 0, 120) : rng_range (&demo->rng, 60, 900);
      info.hours = rng_range (&demo->rng, 4, 10) * 4;
      info.contract = PICK (&demo->rng, contracts);
      /* The account's owner takes the vacancy in; for an orphaned account the WSP does. */
      info.created_by = employer->owner_active ? employer->owner : pick_id (&demo->rng, wsp->wsp_ams);
      info.organisation = employer->owner_active ? employer->owner_organisation : wsp->id;

      stmt = _wb_store_prepare (demo->store,
                                "INSERT INTO vacancies (employer_id, title, occupation_id, sector, education_level, hours, "
                                "contract, pc4, licence_required, positions, opened_at, closes_at, status, job_carving, "
                                "wage_cost_subsidy, description, created_by, organisation_id, created_at, updated_at) "
                                "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, "
                                "?18, ?19, ?19)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, employer->id);
      sqlite3_bind_text (stmt, 2, title, -1, SQLITE_TRANSIENT);
      bind_id_or_null (stmt, 3, occupation != NULL ? occupation->id : 0);
      sqlite3_bind_text (stmt, 4, employer->sector, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, PICK (&demo->rng, levels), -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 6, info.hours);
      sqlite3_bind_text (stmt, 7, info.contract, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 8, employer->pc4, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 9, strstr (title, "hauffeur") != NULL || rng_chance (&demo->rng, 0.1));
      sqlite3_bind_int (stmt, 10, rng_chance (&demo->rng, 0.8) ? 1 : rng_range (&demo->rng, 2, 6));
      sqlite3_bind_text (stmt, 11, day (demo, info.opened), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 12, day (demo, info.opened - rng_range (&demo->rng, 30, 90)), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 13, status, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 14, rng_chance (&demo->rng, 0.15));
      sqlite3_bind_int (stmt, 15, rng_chance (&demo->rng, 0.25));
      sqlite3_bind_text (stmt, 16, "Synthetische demovacature.", -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 17, info.created_by);
      sqlite3_bind_int64 (stmt, 18, info.organisation);
      sqlite3_bind_text (stmt, 19, DEMO_STAMP, -1, SQLITE_STATIC);
      info.id = insert_done (demo, stmt, error);
      if (info.id == 0)
        return FALSE;
      g_array_append_val (demo->vacancies, info);
      if (open)
        g_array_append_val (demo->open_vacancies, i);
      else if (g_str_equal (status, "filled"))
        g_array_append_val (demo->filled_vacancies[region], i);

      if (!add_vacancy_competences (demo, info.id, occupation, error))
        return FALSE;
    }
  return TRUE;
}

/* Clients, their diagnoses and their timelines */

/* Citizen service numbers from a range chosen for the demo: nine digits starting with 9,
 * spread by a permutation modulo 10,000,000 and completed with the digit that makes the
 * eleven-test hold; a number for which that digit would be 10 is skipped. */
static char *
next_bsn (Demo *demo)
{
  while (TRUE)
    {
      guint64 prefix = 90000000u + (demo->bsn_counter++ * 7368787u + demo->bsn_offset) % 10000000u;
      char digits[10];
      int sum = 0, check;
      char *bsn;

      g_snprintf (digits, sizeof digits, "%08" G_GUINT64_FORMAT, prefix);
      for (int i = 0; i < 8; i++)
        sum += (9 - i) * (digits[i] - '0');
      check = sum % 11;
      if (check == 10)
        continue;
      bsn = g_strdup_printf ("%s%d", digits, check);
      g_assert (wb_validate_bsn (bsn));
      return bsn;
    }
}

typedef struct {
  const char *kind;
  int back;
  gint64 organisation;
  gint64 author;
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

#define MAX_EVENTS 24

typedef struct {
  Event events[MAX_EVENTS];
  guint n_events;
} Timeline;

static Event *
timeline_add (Timeline   *timeline,
              const char *kind,
              int         back,
              gint64      organisation,
              gint64      author)
{
  Event *event;

  g_assert (timeline->n_events < MAX_EVENTS);
  g_assert (back >= 0);
  event = &timeline->events[timeline->n_events++];
  *event = (Event) { .kind = kind, .back = back, .organisation = organisation, .author = author };
  return event;
}

static gboolean
insert_event (Demo     *demo,
              gint64    client,
              Event    *event,
              GError  **error)
{
  sqlite3_stmt *stmt = _wb_store_prepare (demo->store,
                                          "INSERT INTO events (client_id, kind, date, organisation_id, author_id, employer_id, "
                                          "vacancy_id, instrument, hours, contract, outflow_type, addressed_to, reason, note, "
                                          "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
                                          error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, client);
  sqlite3_bind_text (stmt, 2, event->kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, day (demo, event->back), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, event->organisation);
  bind_id_or_null (stmt, 5, event->author);
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
  return _wb_store_step_done (demo->store, stmt, error);
}

typedef struct {
  int back;
  guint n;
  gint64 competences[12];
  int levels[12];
  const char *evidence[12];
} Diagnosis;

/* 5 to 12 competences: those of the work the client has done (evidence "work"), and some
 * of anything else. */
static void
draw_diagnosis (Demo        *demo,
                Diagnosis   *diagnosis,
                Occupation  *experience)
{
  static const char * const evidence[] = { "education", "practical", "practical" };
  guint want = rng_range (&demo->rng, 5, 12);

  want = MIN (want, demo->competences->len);

  diagnosis->n = 0;
  if (experience != NULL)
    for (guint c = 0; c < experience->essential->len && diagnosis->n < want; c++)
      if (rng_chance (&demo->rng, 0.75))
        {
          diagnosis->competences[diagnosis->n] = g_array_index (experience->essential, gint64, c);
          diagnosis->levels[diagnosis->n] = rng_range (&demo->rng, 2, 5);
          diagnosis->evidence[diagnosis->n] = "work";
          diagnosis->n++;
        }
  while (diagnosis->n < want)
    {
      gint64 id = pick_id (&demo->rng, demo->competences);
      gboolean taken = FALSE;

      for (guint k = 0; k < diagnosis->n; k++)
        taken = taken || diagnosis->competences[k] == id;
      if (taken)
        continue;
      diagnosis->competences[diagnosis->n] = id;
      diagnosis->levels[diagnosis->n] = rng_range (&demo->rng, 1, 5);
      diagnosis->evidence[diagnosis->n] = PICK (&demo->rng, evidence);
      diagnosis->n++;
    }
}

static gboolean
insert_diagnosis (Demo             *demo,
                  gint64            client,
                  gint64            author,
                  const Diagnosis  *diagnosis,
                  GError          **error)
{
  static const char * const sources[] = { "competensys", "competensys", "intake", "practical_diagnosis" };
  sqlite3_stmt *stmt;
  gint64 id;

  stmt = _wb_store_prepare (demo->store,
                            "INSERT INTO diagnoses (client_id, date, source, author_id, created_at) "
                            "VALUES (?1, ?2, ?3, ?4, ?5)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, client);
  sqlite3_bind_text (stmt, 2, day (demo, diagnosis->back), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, PICK (&demo->rng, sources), -1, SQLITE_STATIC);
  bind_id_or_null (stmt, 4, author);
  sqlite3_bind_text (stmt, 5, DEMO_STAMP, -1, SQLITE_STATIC);
  id = insert_done (demo, stmt, error);
  if (id == 0)
    return FALSE;

  for (guint c = 0; c < diagnosis->n; c++)
    {
      stmt = _wb_store_prepare (demo->store,
                                "INSERT INTO diagnosis_competences (diagnosis_id, competence_id, level, evidence) "
                                "VALUES (?1, ?2, ?3, ?4)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, diagnosis->competences[c]);
      sqlite3_bind_int (stmt, 3, diagnosis->levels[c]);
      sqlite3_bind_text (stmt, 4, diagnosis->evidence[c], -1, SQLITE_STATIC);
      if (!_wb_store_step_done (demo->store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* A filled vacancy of the region that was open when the client was placed, if one is left. */
static VacancyInfo *
find_filled_vacancy (Demo  *demo,
                     guint  region,
                     int    placement)
{
  GArray *filled = demo->filled_vacancies[region];

  for (guint tries = 0; tries < 4 && filled->len > 0; tries++)
    {
      VacancyInfo *vacancy = &g_array_index (demo->vacancies, VacancyInfo, pick_index (&demo->rng, filled));

      if (!vacancy->used && vacancy->opened > placement && vacancy->opened - placement <= 240)
        return vacancy;
    }
  return NULL;
}

static gboolean
insert_match (Demo               *demo,
              const VacancyInfo  *vacancy,
              gint64              client,
              const char         *state,
              GError            **error)
{
  sqlite3_stmt *stmt = _wb_store_prepare (demo->store,
                                          "INSERT OR IGNORE INTO matches (vacancy_id, client_id, state, score, reject_reason, "
                                          "proposed_by, organisation_id, created_at, updated_at) "
                                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, vacancy->id);
  sqlite3_bind_int64 (stmt, 2, client);
  sqlite3_bind_text (stmt, 3, state, -1, SQLITE_STATIC);
  sqlite3_bind_double (stmt, 4, rng_range (&demo->rng, 40, 95) / 100.0);
  bind_text_or_null (stmt, 5, g_str_equal (state, "rejected") ? "Werkgever koos een andere kandidaat" : NULL);
  sqlite3_bind_int64 (stmt, 6, vacancy->created_by);
  sqlite3_bind_int64 (stmt, 7, vacancy->organisation);
  sqlite3_bind_text (stmt, 8, DEMO_STAMP, -1, SQLITE_STATIC);
  return _wb_store_step_done (demo->store, stmt, error);
}

/* Who the clients are: per client group, the share of the inflow, the work capacity (by
 * band: below 30, 30 to 79, 80 and more; even within a band), the education, the age at
 * intake (by band: 18-26, 27-44, 45-54, 55-64; even within a band, between the group's
 * youngest and oldest), whether most are newcomers learning Dutch, and how much more or
 * less often than someone on social assistance of the same capacity they find work.
 * docs/monitor.md gives the same figures in words. */
typedef struct {
  const char *group;
  double share;
  double capacity[3];
  double education[10];
  double age[4];
  int youngest, oldest;
  gboolean newcomer;
  double work;
} GroupProfile;

static const GroupProfile group_profiles[] = {
  { "participatiewet", 55, { 15, 55, 30 }, { 6, 10, 20, 14, 22, 12, 8, 4, 3, 1 }, { 18, 38, 24, 20 }, 18, 64, FALSE, 1.0 },
  { "ww", 12, { 2, 13, 85 }, { 1, 3, 12, 6, 20, 18, 18, 8, 11, 3 }, { 10, 38, 27, 25 }, 19, 64, FALSE, 2.4 },
  { "wajong", 7, { 30, 62, 8 }, { 14, 22, 30, 18, 12, 3, 1, 0, 0, 0 }, { 45, 45, 8, 2 }, 18, 60, FALSE, 0.6 },
  { "wia", 5, { 20, 72, 8 }, { 2, 8, 20, 8, 22, 16, 14, 4, 5, 1 }, { 3, 30, 35, 32 }, 22, 64, FALSE, 0.5 },
  { "wsw", 3, { 28, 70, 2 }, { 20, 35, 30, 12, 3, 0, 0, 0, 0, 0 }, { 0, 30, 35, 35 }, 27, 64, FALSE, 0.25 },
  { "nieuw_beschut", 2, { 42, 58, 0 }, { 25, 35, 28, 10, 2, 0, 0, 0, 0, 0 }, { 45, 40, 10, 5 }, 18, 64, FALSE, 0.2 },
  { "statushouder", 7, { 5, 57, 38 }, { 22, 18, 6, 10, 10, 6, 6, 8, 10, 4 }, { 30, 55, 12, 3 }, 18, 64, TRUE, 0.8 },
  { "school_leaver", 3, { 15, 60, 25 }, { 8, 30, 42, 18, 2, 0, 0, 0, 0, 0 }, { 100, 0, 0, 0 }, 18, 23, FALSE, 1.2 },
  { "doelgroepregister", 4, { 15, 85, 0 }, { 15, 30, 30, 15, 10, 0, 0, 0, 0, 0 }, { 35, 40, 15, 10 }, 18, 64, FALSE, 0.9 },
  { "nugger", 2, { 4, 36, 60 }, { 2, 5, 15, 8, 20, 15, 15, 8, 10, 2 }, { 20, 40, 25, 15 }, 18, 64, FALSE, 1.3 },
};

static const int capacity_bands[3][2] = { { 10, 29 }, { 30, 79 }, { 80, 100 } };
static const int age_bands[4][2] = { { 18, 26 }, { 27, 44 }, { 45, 54 }, { 55, 64 } };

static int
draw_capacity (Demo               *demo,
               const GroupProfile *profile)
{
  guint band = rng_weighted (&demo->rng, profile->capacity, 3);

  return rng_range (&demo->rng, capacity_bands[band][0], capacity_bands[band][1]);
}

static int
draw_age (Demo               *demo,
          const GroupProfile *profile)
{
  guint band = rng_weighted (&demo->rng, profile->age, 4);
  int lo = MAX (age_bands[band][0], profile->youngest);
  int hi = MIN (age_bands[band][1], profile->oldest);

  return lo <= hi ? rng_range (&demo->rng, lo, hi) : rng_range (&demo->rng, profile->youngest, profile->oldest);
}

/* The path of a client through the files, month by month (30 days) from the intake:
 *
 * - in the first two months nobody leaves for work; a client referred to the WSP is placed
 *   only from a week after the referral;
 * - every month after that a client finds work with a chance that depends on the work
 *   capacity (0.1 + 2.4 x (capacity / 100)^2, so 0.3 at 30 %, 1.6 at 80 %, 2.5 at 100 %)
 *   times the group's factor times the municipality's own rate: through a placement, or
 *   half as often on their own; 60 % of placements and 70 % of jobs found alone end the
 *   benefit fully, the rest partly;
 * - 20 % of those who found work return to benefit 1 to 5 months later, 5 % 6 to 11
 *   months later; after a return nobody is placed again (they may find work alone);
 * - who works part-time while keeping part of the benefit leaves it fully with a chance of
 *   1.5 % a month;
 * - and every month 10 % a year leave for other reasons (moving, education, a partner's
 *   income).
 *
 * The municipality's rate is chosen so that the yearly outflow to work of its clients on
 * social assistance (participatiewet), full and partial, is the CBS figure: outflow to
 * work per recipient (calibrate_work). The simulation starts 15 years before the five years
 * of the demo; who is still in the files when they begin is the opening caseload. */
#define MONTH_DAYS        30
#define BLOCK_MONTHS      2
#define OTHER_EXIT        (0.10 / 12)
#define PARTIAL_TO_FULL   0.015
#define SELF_SHARE        0.5
#define PLACEMENT_FULL    0.6
#define SELF_FULL         0.7
#define RETURN_EARLY      0.20
#define RETURN_LATE       0.05
#define RETURN_MONTHS     4.1     /* the mean wait for a return, for the calibration */
#define BURN_IN_DAYS      (15 * 365)
/* The simulation's steps of whole months (a client leaves halfway through one, on
 * average), the wait for a referral and the state pension age make stays shorter than the
 * model's, and the outflow to work about 7 % higher than its target: measured once on the
 * 20,000-client demo, and taken off the target here. */
#define MODEL_CORRECTION  0.93
#define TOTAL_BACK        (HISTORY_DAYS + BURN_IN_DAYS)

static double
capacity_weight (int capacity)
{
  double c = capacity / 100.0;

  return 0.1 + 2.4 * c * c;
}

/* Expected outflows to work and months in the files of a client with these monthly
 * chances of a placement and of work found alone, from the states of the path above
 * (a renewal argument: in a steady state the yearly outflow to work per client in the
 * files is 12 x work / months, summed over the clients coming in). */
static void
expected_path (double  a_place,
               double  a_self,
               double *work,
               double *months)
{
  const double c = OTHER_EXIT, d = PARTIAL_TO_FULL, rho = RETURN_EARLY + RETURN_LATE;
  double a = a_place + a_self;
  double t_a = 1.0 / (a + c), pi_a = a / (a + c);
  double phi_a = a > 0 ? ((1 - PLACEMENT_FULL) * a_place + (1 - SELF_FULL) * a_self) / a : 0;
  double t_r = 1.0 / (a_self + c), pi_r = a_self / (a_self + c), phi_r = 1 - SELF_FULL;
  double w_p = d / (d + c), s_p = 1.0 / (d + c);
  double w_r = pi_r * (1 + phi_r * (1 - rho) * w_p) / (1 - pi_r * rho);
  double s_r = (t_r + pi_r * (phi_r * rho * RETURN_MONTHS + phi_r * (1 - rho) * s_p)) / (1 - pi_r * rho);
  double w_a = pi_a * (1 + rho * w_r + (1 - rho) * phi_a * w_p);
  double s_a = t_a + pi_a * (rho * (phi_a * RETURN_MONTHS + s_r) + (1 - rho) * phi_a * s_p);
  double stay = 1.0;

  for (int i = 0; i < BLOCK_MONTHS; i++)
    stay *= 1 - c;
  *work = stay * w_a;
  *months = BLOCK_MONTHS + stay * s_a;
}

/* Expected work and months of a group's clients, at a municipality's rate @beta. */
static void
expected_group (const GroupProfile *profile,
                double              beta,
                double             *work,
                double             *months)
{
  *work = *months = 0;
  for (guint band = 0; band < 3; band++)
    {
      double total = profile->capacity[0] + profile->capacity[1] + profile->capacity[2];
      int lo = capacity_bands[band][0], hi = capacity_bands[band][1];

      for (int capacity = lo; capacity <= hi; capacity++)
        {
          double p = profile->capacity[band] / total / (hi - lo + 1);
          double a = beta * capacity_weight (capacity) * profile->work;
          double w, s;

          expected_path (a, a * SELF_SHARE, &w, &s);
          *work += p * w;
          *months += p * s;
        }
    }
}

/* Each municipality's rate, and how its inflow is weighted so that its caseload follows
 * its social-assistance recipients (a municipality where people find work sooner needs a
 * larger inflow for the same caseload). */
static void
calibrate_work (Demo *demo)
{
  const GroupProfile *social_assistance = &group_profiles[0];

  for (guint m = 0; m < N_MUNICIPALITIES; m++)
    {
      double target = demo->outflow_rate[m] * MODEL_CORRECTION, lo = 0, hi = 0.4, months_all = 0;

      for (int step = 0; step < 60; step++)
        {
          double mid = (lo + hi) / 2, w, s;

          expected_group (social_assistance, mid, &w, &s);
          if (12 * w / s < target)
            lo = mid;
          else
            hi = mid;
        }
      demo->work_rate[m] = (lo + hi) / 2;
      for (guint g = 0; g < G_N_ELEMENTS (group_profiles); g++)
        {
          double w, s;

          expected_group (&group_profiles[g], demo->work_rate[m], &w, &s);
          months_all += group_profiles[g].share * s;
        }
      demo->inflow_weight[m] = (demo->recipients[m] + 1) / months_all;
    }
}

static guint
pick_inflow_municipality (Demo *demo)
{
  return rng_weighted (&demo->rng, demo->inflow_weight, N_MUNICIPALITIES);
}

typedef enum {
  STEP_PLACEMENT,   /* placed: the benefit ends fully or partly on the same day or soon after */
  STEP_WORK,        /* outflow to work found alone, or a part-timer's full outflow */
  STEP_OTHER,       /* outflow for another reason */
  STEP_RETURN,      /* back on benefit */
} StepKind;

typedef struct {
  StepKind kind;
  int back;
  gboolean full;
} PathStep;

#define MAX_STEPS 8

typedef struct {
  PathStep steps[MAX_STEPS];
  guint n_steps;
} Path;

static void
path_add (Path     *path,
          StepKind  kind,
          int       back,
          gboolean  full)
{
  g_assert (path->n_steps < MAX_STEPS);
  path->steps[path->n_steps++] = (PathStep) { kind, back, full };
}

/* The day (days back) of a return after work on @back, or -1 for none before the end. */
static int
draw_return (Demo *demo,
             int   back)
{
  double roll = rng_double (&demo->rng);
  int returned = -1;

  if (roll < RETURN_EARLY)
    returned = back - rng_range (&demo->rng, 30, 150);
  else if (roll < RETURN_EARLY + RETURN_LATE)
    returned = back - rng_range (&demo->rng, 180, 330);
  return returned >= 0 ? returned : -1;
}

static void
walk_path (Demo *demo,
           Path *path,
           int   intake,
           int   referral,
           double a_place,
           double a_self)
{
  enum { AT_RISK, RETURNED, PART_TIME, GONE } state = AT_RISK;
  int month = intake;

  path->n_steps = 0;
  while (state != GONE && path->n_steps + 3 <= MAX_STEPS)
    {
      double roll;
      int day;

      month -= MONTH_DAYS;
      if (month < 0)
        break;
      roll = rng_double (&demo->rng);
      day = month - rng_range (&demo->rng, 0, MIN (MONTH_DAYS - 1, month));

      if (state == PART_TIME)
        {
          if (roll < PARTIAL_TO_FULL)
            {
              path_add (path, STEP_WORK, day, TRUE);
              state = GONE;
            }
          else if (roll < PARTIAL_TO_FULL + OTHER_EXIT)
            {
              path_add (path, STEP_OTHER, day, TRUE);
              state = GONE;
            }
          continue;
        }

      if (intake - month < BLOCK_MONTHS * MONTH_DAYS)
        {
          if (roll < OTHER_EXIT)
            {
              path_add (path, STEP_OTHER, day, TRUE);
              state = GONE;
            }
          continue;
        }
      {
        gboolean can_place = state == AT_RISK && (referral < 0 || day <= referral - 7);
        double place = can_place ? a_place : 0;
        gboolean full;
        int returned;

        if (roll < place + a_self)
          {
            gboolean placed = roll < place;

            full = rng_chance (&demo->rng, placed ? PLACEMENT_FULL : SELF_FULL);
            path_add (path, placed ? STEP_PLACEMENT : STEP_WORK, day, full);
            returned = draw_return (demo, day);
            if (returned >= 0)
              {
                path_add (path, STEP_RETURN, returned, FALSE);
                state = RETURNED;
                month = returned;
              }
            else
              {
                state = full ? GONE : PART_TIME;
                month = day;
              }
          }
        else if (roll < place + a_self + OTHER_EXIT)
          {
            path_add (path, STEP_OTHER, day, TRUE);
            state = GONE;
          }
      }
    }
}

/* Whether the client is in the files on day @back: from the intake, out after a full
 * outflow, in again after a return. */
static gboolean
in_files_at (const Path *path,
             int         intake,
             int         back)
{
  gboolean in = intake >= back;

  for (guint s = 0; s < path->n_steps && in; s++)
    {
      const PathStep *step = &path->steps[s];

      if (step->back < back)
        break;
      if (step->kind == STEP_RETURN)
        in = TRUE;
      else if (step->full)
        {
          /* Out until a return, if the return came before the day. */
          in = FALSE;
          if (s + 1 < path->n_steps && path->steps[s + 1].kind == STEP_RETURN && path->steps[s + 1].back >= back)
            {
              in = TRUE;
              s++;
            }
        }
    }
  return in;
}

/* Where a timeline leaves the client, by the monitor's rules (wb_monitor_event_step):
 * in the files or not, and the furthest phase since the latest intake or return. */
static gboolean
timeline_state (const Timeline *timeline,
                WbMonitorPhase *phase)
{
  gboolean in = FALSE;

  *phase = WB_MONITOR_PHASE_INTAKE;
  for (guint i = 0; i < timeline->n_events; i++)
    {
      const Event *event = &timeline->events[i];
      WbMonitorPhase p;

      switch (wb_monitor_event_step (event->kind, event->instrument, event->outflow_type, &p))
        {
        case WB_MONITOR_STEP_ENTER:
          in = TRUE;
          *phase = p;
          break;
        case WB_MONITOR_STEP_ADVANCE:
          if (in && p > *phase)
            *phase = p;
          break;
        case WB_MONITOR_STEP_LEAVE:
          in = FALSE;
          break;
        case WB_MONITOR_STEP_NONE:
        default:
          break;
        }
    }
  return in;
}

/* One candidate client: drawn, walked through the years, and written when they are in the
 * files at some time in the demo's five years (*accepted); the others were gone before. */
static gboolean
create_client (Demo      *demo,
               guint      index,
               gboolean  *accepted,
               GError   **error)
{
  static const char * const education[] = { "none", "primary", "vmbo", "mbo1", "mbo2", "mbo3", "mbo4", "havo_vwo", "hbo", "wo" };
  static const char * const language[] = { "below_a1", "a1", "a2", "b1", "b2", "c1", "native" };
  static const double language_weights[] = { 1, 2, 6, 15, 12, 4, 60 };
  static const double newcomer_language_weights[] = { 10, 25, 35, 25, 5, 0, 0 };
  static const char * const transport[] = { "none", "walking", "bicycle", "public_transport", "scooter", "car" };
  static const double transport_weights[] = { 4, 6, 22, 38, 6, 24 };
  static const char * const levels[] = { "low", "medium", "high" };
  static const char * const barrier_list[] = { "schulden", "gezondheid", "kinderopvang", "taal", "vervoer", "huisvesting" };
  static const char * const instruments[] = {
    "language_training", "empowerment", "job_application_training", "work_experience_place", "participation_place",
    "learn_work_track", "training", "trial_placement", "jobcoaching",
  };
  static const char * const contracts[] = { "temporary", "temporary", "permanent", "on_call", "secondment" };
  static const char * const other_outflow[] = { "verhuizing", "opleiding", "inkomen partner", "overig" };
  static const char * const returns[] = { "Contract niet verlengd", "Proeftijd niet doorstaan", "Uitval door gezondheid" };
  static double group_shares[G_N_ELEMENTS (group_profiles)];

  guint m = pick_inflow_municipality (demo);
  guint region = wb_region_municipalities[m].region;
  OrgState *org = municipality_owner (demo, m);
  OrgState *wsp = org_by_code (demo, region_wsp[region]);
  const GroupProfile *profile;
  int capacity, age, intake, referral = -1, exit = -1;
  gboolean ready, gone, in_files, diagnosed, stale = FALSE, placed = FALSE;
  double a_place;
  Path path;
  const char *pc4;
  g_autofree char *bsn = NULL;
  char postcode[8];
  char house[8];
  g_autofree char *email = NULL;
  g_autofree char *ascii = NULL;
  g_autofree char *lower = NULL;
  const char *given, *family, *transport_mode;
  g_autoptr(JsonArray) barriers = NULL;
  g_autoptr(JsonNode) barriers_node = NULL;
  g_autofree char *barriers_text = NULL;
  gint64 consultant, wsp_am = 0;
  Occupation *experience[3] = { NULL, NULL, NULL };
  guint n_experience = 0;
  Timeline timeline = { 0 };
  Diagnosis diagnoses[2];
  guint n_diagnoses = 0;
  const char *phase_text, *status, *track;
  WbMonitorPhase phase;
  VacancyInfo *vacancy = NULL;
  int last_activity;
  sqlite3_stmt *stmt;
  gint64 client;
  Event *event;

  for (guint g = 0; g < G_N_ELEMENTS (group_profiles); g++)
    group_shares[g] = group_profiles[g].share;
  profile = &group_profiles[rng_weighted (&demo->rng, group_shares, G_N_ELEMENTS (group_profiles))];
  capacity = draw_capacity (demo, profile);
  ready = capacity >= 80;
  intake = rng_range (&demo->rng, 0, TOTAL_BACK - 1);
  /* The age at the intake; nobody in the files reaches the state pension age of 67. */
  age = draw_age (demo, profile) + intake / 365;
  *accepted = FALSE;
  if (age > 66)
    return TRUE;
  /* A referral that would come after the end day has not happened yet. */
  if (ready && rng_chance (&demo->rng, 0.6))
    referral = intake - rng_range (&demo->rng, 30, 200);
  if (referral < 0)
    referral = -1;
  a_place = demo->work_rate[m] * capacity_weight (capacity) * profile->work;
  walk_path (demo, &path, intake, referral, a_place, a_place * SELF_SHARE);
  if (intake >= HISTORY_DAYS && !in_files_at (&path, intake, HISTORY_DAYS))
    return TRUE;
  *accepted = TRUE;

  /* Out of the files for good at the end: when they left. */
  for (guint s = 0; s < path.n_steps; s++)
    if (path.steps[s].kind == STEP_PLACEMENT)
      placed = TRUE;
  in_files = in_files_at (&path, intake, 0);
  if (!in_files && path.n_steps > 0)
    exit = path.steps[path.n_steps - 1].back;
  gone = !in_files;
  /* A referral only while the client is there. */
  for (guint s = 0; s < path.n_steps && referral >= 0; s++)
    if (path.steps[s].full && path.steps[s].kind != STEP_RETURN && path.steps[s].back > referral &&
        !in_files_at (&path, intake, referral))
      referral = -1;
  if (referral >= 0)
    wsp_am = pick_id (&demo->rng, wsp->wsp_ams);

  pc4 = pick_pc4 (demo, m);
  bsn = next_bsn (demo);
  given = PICK (&demo->rng, given_names);
  family = PICK (&demo->rng, family_names);
  transport_mode = PICK_WEIGHTED (&demo->rng, transport, transport_weights);
  barriers = json_array_new ();
  consultant = pick_id (&demo->rng, org->consultants);

  /* Identity and address: a full postcode inside the municipality's PC4 area. */
  do
    g_snprintf (postcode, sizeof postcode, "%s %c%c", pc4,
                'A' + rng_range (&demo->rng, 0, 25), 'A' + rng_range (&demo->rng, 0, 25));
  while (g_str_has_suffix (postcode, "SA") || g_str_has_suffix (postcode, "SD") || g_str_has_suffix (postcode, "SS"));
  g_snprintf (house, sizeof house, "%d", rng_range (&demo->rng, 1, 180));
  ascii = g_str_to_ascii (given, "C");
  lower = g_ascii_strdown (ascii, -1);
  email = g_strdup_printf ("%s.%u@demo.werkbrug.invalid", lower, index + 1);

  for (guint b = 0; b < G_N_ELEMENTS (barrier_list); b++)
    if (rng_chance (&demo->rng, capacity < 50 ? 0.25 : 0.08) ||
        (profile->newcomer && g_str_equal (barrier_list[b], "taal") && rng_chance (&demo->rng, 0.6)))
      json_array_add_string_element (barriers, barrier_list[b]);
  barriers_node = json_node_init_array (json_node_alloc (), barriers);
  barriers_text = json_to_string (barriers_node, FALSE);

  /* Work done before: one to three occupations. */
  if (demo->occupations->len > 0 && rng_chance (&demo->rng, 0.8))
    {
      static const double how_many[] = { 60, 30, 10 };
      guint want = rng_weighted (&demo->rng, how_many, G_N_ELEMENTS (how_many)) + 1;

      for (guint tries = 0; n_experience < want && tries < 6; tries++)
        {
          Occupation *occupation = pick_occupation (demo, tries == 0 ? draw_sector (&demo->rng, region) : NULL);
          gboolean taken = FALSE;

          for (guint k = 0; k < n_experience; k++)
            taken = taken || experience[k] == occupation;
          if (!taken)
            experience[n_experience++] = occupation;
        }
    }

  /* Diagnosis: about 10 % have none. Of those still in the files whose diagnosis is
   * more than a year old most got a new one, so that about 15 % of the current ones are
   * stale. Without a taxonomy a diagnosis has nothing to record; the client still counts
   * as diagnosed for where they are on the path. */
  diagnosed = rng_chance (&demo->rng, 0.90);
  {
    /* Diagnosed a week to two months after the intake: not yet, for the latest intakes. */
    int first_back = intake - rng_range (&demo->rng, 7, 60);

    if (first_back < 0)
      diagnosed = FALSE;
    if (diagnosed && demo->competences->len > 0)
    {
      Diagnosis *first = &diagnoses[n_diagnoses++];

      draw_diagnosis (demo, first, experience[0]);
      first->back = first_back;
      if (gone && first->back < exit)
        first->back = exit;
      if (!gone && first->back > STALE_DAYS)
        {
          if (rng_chance (&demo->rng, 0.19))
            stale = TRUE;
          else
            {
              Diagnosis *again = &diagnoses[n_diagnoses++];

              /* The same competences, looked at again: some have grown. */
              *again = *first;
              again->back = rng_range (&demo->rng, 0, STALE_DAYS - 5);
              for (guint c = 0; c < again->n; c++)
                {
                  int grown = again->levels[c] + rng_range (&demo->rng, 0, 1);

                  again->levels[c] = MIN (grown, 5);
                }
            }
        }
    }
  }

  /* The timeline, built in order of cause; stored sorted by date. */
  event = timeline_add (&timeline, "intake", intake, org->id, consultant);
  event->note = "Intakegesprek";
  for (guint d = 0; d < n_diagnoses; d++)
    {
      event = timeline_add (&timeline, "diagnosis", diagnoses[d].back, org->id, consultant);
      event->note = d == 0 ? "Competentiediagnose" : "Diagnose geactualiseerd";
    }
  /* A track starts three weeks to four months after the intake (not yet, for the latest). */
    {
      int start = intake - rng_range (&demo->rng, 20, 120);

      if (start >= 0 && (!gone || start > exit))
        {
          event = timeline_add (&timeline, "track_start", start, org->id, consultant);
          event->instrument = PICK (&demo->rng, instruments);
          if (start > 90)
            {
              int end = start - rng_range (&demo->rng, 30, 90);

              if (!gone || end >= exit)
                {
                  event = timeline_add (&timeline, "track_end", end, org->id, consultant);
                  event->instrument = timeline.events[timeline.n_events - 2].instrument;
                }
            }
        }
    }
  if (referral >= 0)
    {
      event = timeline_add (&timeline, "referral_wsp", referral, org->id, consultant);
      event->addressed_to = wsp->id;
      event->note = "Doorgemeld aan het WSP";
      /* The WSP account manager met a client without a current diagnosis and signalled it. */
      if ((!diagnosed || stale) && rng_chance (&demo->rng, 0.5))
        {
          /* A stale one lately; a missing one at any time after the referral, before the
           * client left. */
          int lo = stale ? 0 : MAX (gone ? exit : 0, referral - 60);
          int hi = stale ? MIN (60, referral) : referral;

          event = timeline_add (&timeline, "diagnosis_signal", rng_range (&demo->rng, MIN (lo, hi), hi), wsp->id, wsp_am);
          event->addressed_to = org->id;
          event->reason = stale ? "Diagnose ouder dan 12 maanden" : "Geen diagnose";
        }
    }
  for (guint s = 0; s < path.n_steps; s++)
    {
      const PathStep *step = &path.steps[s];

      switch (step->kind)
        {
        case STEP_PLACEMENT:
          {
            gint64 author = referral >= 0 ? wsp_am : pick_id (&demo->rng, org->lams);
            GArray *nearby = demo->region_employers[region]->len > 0 ? demo->region_employers[region] : NULL;
            int outflow = not_before_end (step->back - rng_range (&demo->rng, 0, 7));

            /* A path has one placement at most. */
            vacancy = rng_chance (&demo->rng, 0.3) ? find_filled_vacancy (demo, region, step->back) : NULL;
            event = timeline_add (&timeline, "placement", step->back, referral >= 0 ? wsp->id : org->id, author);
            if (vacancy != NULL)
              {
                vacancy->used = TRUE;
                event->vacancy = vacancy->id;
                event->employer = g_array_index (demo->employers, EmployerInfo, vacancy->employer).id;
                event->hours = vacancy->hours;
                event->contract = vacancy->contract;
              }
            else
              {
                guint e = nearby != NULL ? pick_index (&demo->rng, nearby)
                                         : (guint) rng_range (&demo->rng, 0, demo->employers->len - 1);

                event->employer = g_array_index (demo->employers, EmployerInfo, e).id;
                event->hours = step->full ? rng_range (&demo->rng, 6, 10) * 4 : rng_range (&demo->rng, 3, 6) * 4;
                event->contract = PICK (&demo->rng, contracts);
              }
            event->outflow_type = step->full ? "full" : "partial";
            /* After-care starts within two weeks, unless that is after the end day. */
            {
              int care = step->back - rng_range (&demo->rng, 0, 14);

              if (care >= 0)
                {
                  event = timeline_add (&timeline, "after_care", care, org->id, consultant);
                  event->instrument = "after_care_coach";
                }
            }
            /* The outflow may come after a return already drawn for the path: never. */
            if (s + 1 < path.n_steps && path.steps[s + 1].kind == STEP_RETURN)
              outflow = MAX (outflow, path.steps[s + 1].back + 1);
            event = timeline_add (&timeline, "outflow", outflow, org->id, consultant);
            event->reason = "werk";
            event->outflow_type = step->full ? "full" : "partial";
          }
          break;
        case STEP_WORK:
          event = timeline_add (&timeline, "outflow", step->back, org->id, consultant);
          event->reason = "werk";
          event->outflow_type = step->full ? "full" : "partial";
          break;
        case STEP_OTHER:
          event = timeline_add (&timeline, "outflow", step->back, org->id, consultant);
          event->reason = PICK (&demo->rng, other_outflow);
          event->outflow_type = "full";
          break;
        case STEP_RETURN:
        default:
          event = timeline_add (&timeline, "return_to_benefit", step->back, org->id, consultant);
          event->reason = PICK (&demo->rng, returns);
          break;
        }
    }

  /* Oldest first; events of the same day keep the order in which they were caused. */
  for (guint i = 1; i < timeline.n_events; i++)
    for (guint j = i; j > 0 && timeline.events[j - 1].back < timeline.events[j].back; j--)
      {
        Event swap = timeline.events[j];

        timeline.events[j] = timeline.events[j - 1];
        timeline.events[j - 1] = swap;
      }
  last_activity = timeline.events[timeline.n_events - 1].back;

  /* Where the client is now, as the monitor reads the timeline. */
  in_files = timeline_state (&timeline, &phase);
  gone = !in_files;
  status = in_files ? "active" : "outflow";
  phase_text = in_files ? wb_monitor_phase_to_string (phase) : "outflow";
  track = in_files ? wb_monitor_phase_track (phase) : (placed ? "plaatsing" : NULL);

  stmt = _wb_store_prepare (demo->store,
                            "INSERT INTO clients (organisation_id, municipality_id, given_name, family_name, bsn, street, "
                            "house_number, postcode, city, phone, email, pc4, birth_year, client_group, benefit_start, "
                            "education_level, language_level, driving_licence, transport, max_travel_km, hours_available, "
                            "work_capacity, learning_ability, motivation, development_potential, barriers, phase, track, "
                            "case_manager_id, wsp_account_manager_id, in_pool, status, last_activity, diagnosis_date, "
                            "created_at, updated_at) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, "
                            "?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34, ?35, ?35)", error);
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
  sqlite3_bind_text (stmt, 9, wb_region_municipalities[m].name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, "06-00000000", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 11, email, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 12, pc4, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 13, DEMO_END_YEAR - age);
  sqlite3_bind_text (stmt, 14, profile->group, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 15, day (demo, MAX (intake - rng_range (&demo->rng, 0, 60), 0)), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 16, PICK_WEIGHTED (&demo->rng, education, profile->education), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 17, profile->newcomer ? PICK_WEIGHTED (&demo->rng, language, newcomer_language_weights)
                                                 : PICK_WEIGHTED (&demo->rng, language, language_weights), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 18, g_str_equal (transport_mode, "car") || rng_chance (&demo->rng, 0.2));
  sqlite3_bind_text (stmt, 19, transport_mode, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 20, g_str_equal (transport_mode, "car") ? rng_range (&demo->rng, 15, 50) : rng_range (&demo->rng, 3, 20));
  sqlite3_bind_int (stmt, 21, rng_range (&demo->rng, 3, 10) * 4);
  sqlite3_bind_int (stmt, 22, capacity);
  sqlite3_bind_text (stmt, 23, PICK (&demo->rng, levels), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 24, PICK (&demo->rng, levels), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 25, PICK (&demo->rng, levels), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 26, barriers_text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 27, phase_text, -1, SQLITE_STATIC);
  bind_text_or_null (stmt, 28, track);
  sqlite3_bind_int64 (stmt, 29, consultant);
  bind_id_or_null (stmt, 30, wsp_am);
  /* The pool of work-ready jobseekers (seed 001): referred to the WSP, not yet placed. */
  sqlite3_bind_int (stmt, 31, in_files && phase == WB_MONITOR_PHASE_WORK_READY);
  sqlite3_bind_text (stmt, 32, status, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 33, day (demo, last_activity), -1, SQLITE_STATIC);
  bind_text_or_null (stmt, 34, n_diagnoses > 0 ? day (demo, diagnoses[n_diagnoses - 1].back) : NULL);
  sqlite3_bind_text (stmt, 35, DEMO_STAMP, -1, SQLITE_STATIC);
  client = insert_done (demo, stmt, error);
  if (client == 0)
    return FALSE;
  if (!gone && diagnosed && capacity >= 30 && !placed)
    g_array_append_val (demo->candidates, client);

  /* Work experience and sector preferences */
  for (guint k = 0; k < n_experience; k++)
    {
      stmt = _wb_store_prepare (demo->store,
                                "INSERT INTO work_experience (client_id, occupation_id, years) VALUES (?1, ?2, ?3)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, client);
      sqlite3_bind_int64 (stmt, 2, experience[k]->id);
      sqlite3_bind_double (stmt, 3, rng_range (&demo->rng, 1, 30) / 2.0);
      if (!_wb_store_step_done (demo->store, stmt, error))
        return FALSE;
    }
  for (guint k = 0; k < MAX (n_experience, 1u); k++)
    {
      const char *sector = k < n_experience ? experience[k]->sector : draw_sector (&demo->rng, region);

      stmt = _wb_store_prepare (demo->store,
                                "INSERT OR IGNORE INTO sector_preferences (client_id, sector) VALUES (?1, ?2)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, client);
      sqlite3_bind_text (stmt, 2, sector, -1, SQLITE_STATIC);
      if (!_wb_store_step_done (demo->store, stmt, error))
        return FALSE;
    }

  for (guint d = 0; d < n_diagnoses; d++)
    if (!insert_diagnosis (demo, client, consultant, &diagnoses[d], error))
      return FALSE;
  for (guint i = 0; i < timeline.n_events; i++)
    if (!insert_event (demo, client, &timeline.events[i], error))
      return FALSE;
  if (vacancy != NULL && !insert_match (demo, vacancy, client, "placed", error))
    return FALSE;
  return TRUE;
}

/* Matches, targets and action points */

static gboolean
create_matches (Demo     *demo,
                GError  **error)
{
  static const char * const states[] = { "suggested", "shortlisted", "proposed", "interview", "rejected", "withdrawn" };
  static const double weights[] = { 30, 20, 20, 10, 12, 8 };
  guint n = MIN (300u, demo->open_vacancies->len * 2);

  for (guint i = 0; i < n && demo->candidates->len > 0; i++)
    {
      const VacancyInfo *vacancy = &g_array_index (demo->vacancies, VacancyInfo,
                                                   pick_index (&demo->rng, demo->open_vacancies));

      if (!insert_match (demo, vacancy, pick_id (&demo->rng, demo->candidates),
                         PICK_WEIGHTED (&demo->rng, states, weights), error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
add_target (Demo        *demo,
            const char  *metric,
            const char  *level,
            const char  *key,
            int          year,
            int          value,
            GError     **error)
{
  sqlite3_stmt *stmt = _wb_store_prepare (demo->store,
                                          "INSERT INTO targets (metric, level, level_key, period, value, created_at, updated_at) "
                                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)", error);
  char period[8];

  if (stmt == NULL)
    return FALSE;
  g_snprintf (period, sizeof period, "%d", year);
  sqlite3_bind_text (stmt, 1, metric, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, level, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, period, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 5, value);
  sqlite3_bind_text (stmt, 6, DEMO_STAMP, -1, SQLITE_STATIC);
  return _wb_store_step_done (demo->store, stmt, error);
}

static gboolean
create_targets_and_actions (Demo     *demo,
                            GError  **error)
{
  /* Maastricht-Heuvelland's work plan 2018–2021 (seed 002): 685 more activated and 375
   * more outflow, set on the demo's years from 2022 on (its first year is the plan's). */
  static const int activated[] = { 125, 185, 375 };
  static const int outflow[] = { 30, 120, 165, 60 };
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
  static const char * const action_owners[] = {
    "wsp-parkstad", "wsp-parkstad", "wsp-parkstad", "gemeente-heerlen", "isd-bol", "podium24", "szmh",
    "wsp-westelijke-mijnstreek",
  };

  for (guint y = 0; y < G_N_ELEMENTS (activated); y++)
    if (!add_target (demo, "activated", "region", "Maastricht-Heuvelland", WORK_PLAN_FIRST_YEAR + y, activated[y], error))
      return FALSE;
  for (guint y = 0; y < G_N_ELEMENTS (outflow); y++)
    if (!add_target (demo, "outflow", "region", "Maastricht-Heuvelland", WORK_PLAN_FIRST_YEAR + y, outflow[y], error))
      return FALSE;
  /* The subregions' own targets for 2024–2026, a little above what the demo's region does
   * (at 20,000 clients: Parkstad some 370 placements a year and 560 durable outflows to
   * work, Maastricht-Heuvelland 190 and 280, the Westelijke Mijnstreek 115 and 170), so that
   * the monitor shows them close but not met; they grow with the demo's size. */
  {
    static const int placements[N_REGIONS] = { 390, 205, 125 };
    static const int durable[N_REGIONS] = { 590, 300, 180 };
    double scale = (demo->options->n_clients > 0 ? demo->options->n_clients : 20000) / 20000.0;

    for (guint r = 0; r < N_REGIONS; r++)
      for (int year = 2024; year <= 2026; year++)
        {
          int growth = 100 + (year - 2024) * 5;

          if (!add_target (demo, "placements", "region", wb_region_names[r], year,
                           MAX (1, (int) (placements[r] * growth / 100 * scale + 0.5)), error) ||
              !add_target (demo, "durable_placements", "region", wb_region_names[r], year,
                           MAX (1, (int) (durable[r] * growth / 100 * scale + 0.5)), error))
            return FALSE;
        }
  }
  for (int year = 2024; year <= 2026; year++)
    if (!add_target (demo, "diagnosis_coverage", "zuid_limburg", "Zuid-Limburg", year, 85 + (year - 2024) * 2, error))
      return FALSE;

  /* The current quarter's action points of the intervisie meeting. */
  G_STATIC_ASSERT (G_N_ELEMENTS (actions) == G_N_ELEMENTS (action_owners));
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      OrgState *org = org_by_code (demo, action_owners[i]);
      sqlite3_stmt *stmt = _wb_store_prepare (demo->store,
                                              "INSERT INTO action_points (text, owner_id, due_date, status, quarter, "
                                              "organisation_id, created_at, updated_at) "
                                              "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, actions[i], -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, org->coordinator);
      sqlite3_bind_text (stmt, 3, day (demo, -rng_range (&demo->rng, 10, 60)), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, i < 2 ? "done" : "open", -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, DEMO_QUARTER, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 6, org->id);
      sqlite3_bind_text (stmt, 7, DEMO_STAMP, -1, SQLITE_STATIC);
      if (!_wb_store_step_done (demo->store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static void
demo_clear (Demo *demo)
{
  for (guint o = 0; o < N_ORGANISATIONS; o++)
    {
      g_clear_pointer (&demo->orgs[o].lams, g_array_unref);
      g_clear_pointer (&demo->orgs[o].consultants, g_array_unref);
      g_clear_pointer (&demo->orgs[o].wsp_ams, g_array_unref);
    }
  for (guint m = 0; m < N_MUNICIPALITIES; m++)
    {
      g_clear_pointer (&demo->pc4s[m], g_ptr_array_unref);
      g_clear_pointer (&demo->municipality_codes[m], g_free);
    }
  for (guint r = 0; r < N_REGIONS; r++)
    {
      g_clear_pointer (&demo->region_employers[r], g_array_unref);
      g_clear_pointer (&demo->filled_vacancies[r], g_array_unref);
    }
  g_clear_pointer (&demo->occupations, g_ptr_array_unref);
  g_clear_pointer (&demo->competences, g_array_unref);
  g_clear_pointer (&demo->employers, g_array_unref);
  g_clear_pointer (&demo->large_employers, g_array_unref);
  g_clear_pointer (&demo->vacancies, g_array_unref);
  g_clear_pointer (&demo->open_vacancies, g_array_unref);
  g_clear_pointer (&demo->candidates, g_array_unref);
  g_clear_pointer (&demo->company_names, g_hash_table_unref);
  g_clear_pointer (&demo->days, g_free);
}

gboolean
wb_demo_generate (WbStore              *store,
                  const WbDemoOptions  *options,
                  GError              **error)
{
  Demo demo = { 0 };
  guint n_clients, n_employers, n_vacancies;
  sqlite3_stmt *cache_stmt;
  int cache_size = -2000;
  g_autofree char *cache_pragma = NULL;
  gboolean ok;

  g_return_val_if_fail (WB_IS_STORE (store), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (wb_store_count (store, "clients") > 0 || wb_store_count (store, "organisations") > 0)
    {
      g_set_error (error, WB_STORE_ERROR, WB_STORE_ERROR_CONFLICT,
                   _("The database %s already holds data; demo data goes into an empty one"),
                   wb_store_get_path (store));
      return FALSE;
    }

  n_clients = options->n_clients > 0 ? options->n_clients : 20000;
  n_employers = options->n_employers > 0 ? options->n_employers : 4000;
  n_vacancies = options->n_vacancies > 0 ? options->n_vacancies : 1500;

  demo.store = store;
  demo.options = options;
  rng_init (&demo.rng, options->seed);
  demo.bsn_offset = rng_next (&demo.rng) % 10000000u;
  demo.kvk_offset = rng_next (&demo.rng) % 90000000u;
  make_days (&demo);
  demo.candidates = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (!read_cbs (&demo, error))
    {
      demo_clear (&demo);
      return FALSE;
    }
  calibrate_work (&demo);

  /* A page cache that holds the indexes being filled keeps a large demo from going to
   * disk for every row; the connection gets its usual cache back afterwards. */
  cache_stmt = _wb_store_prepare (store, "PRAGMA cache_size", NULL);
  if (cache_stmt != NULL && sqlite3_step (cache_stmt) == SQLITE_ROW)
    cache_size = sqlite3_column_int (cache_stmt, 0);
  if (cache_stmt != NULL)
    sqlite3_reset (cache_stmt);
  _wb_store_exec (store, "PRAGMA cache_size = -262144", NULL);

  /* One transaction: the demo appears whole or not at all. */
  if (!wb_store_begin (store, error))
    {
      demo_clear (&demo);
      return FALSE;
    }

  progress (&demo, _("Organisations"), 0.0);
  ok = load_taxonomy (&demo, error) &&
       create_region (&demo, error) &&
       create_monitor_settings (&demo, error) &&
       create_users (&demo, error);
  ok = ok && create_employers (&demo, n_employers, error);
  if (ok)
    progress (&demo, _("Vacancies"), 0.0);
  ok = ok && create_vacancies (&demo, n_vacancies, error);

  for (guint i = 0; ok && i < n_clients;)
    {
      gboolean accepted = FALSE;

      if (i % 512 == 0)
        progress (&demo, _("Clients"), (double) i / n_clients);
      ok = create_client (&demo, i, &accepted, error);
      i += accepted;
    }

  ok = ok && create_matches (&demo, error) && create_targets_and_actions (&demo, error);
  if (ok)
    ok = wb_store_commit (store, error);
  else
    wb_store_rollback (store);

  cache_pragma = g_strdup_printf ("PRAGMA cache_size = %d", cache_size);
  _wb_store_exec (store, cache_pragma, NULL);

  if (ok)
    progress (&demo, _("Done"), 1.0);
  demo_clear (&demo);
  return ok;
}
