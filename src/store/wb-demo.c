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
#include "wb-store-private.h"

/* Everything is generated relative to this day and stamped with this moment, so that the
 * same seed gives the same database on any day. */
#define DEMO_END_YEAR   2026
#define DEMO_END_MONTH  10
#define DEMO_END_DAY    31
#define DEMO_STAMP      "2026-10-31T12:00:00Z"
#define DEMO_QUARTER    "2026-Q4"

/* Days are counted backwards from the end day: 0 is the end day, 365 a year before it,
 * negative numbers lie after it (due dates, closing dates). */
#define HISTORY_DAYS    (5 * 365)
#define STALE_DAYS      365
#define DORMANT_DAYS    183
#define LEFT_DAYS       123    /* the two who left did so on 2026-06-30 */
#define MAX_BACK        3000
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

/* The region */

enum {
  REGION_PARKSTAD,
  REGION_MAASTRICHT_HEUVELLAND,
  REGION_WESTELIJKE_MIJNSTREEK,
  N_REGIONS
};

static const char * const region_names[N_REGIONS] = {
  "Parkstad", "Maastricht-Heuvelland", "Westelijke Mijnstreek",
};

/* The sixteen municipalities since 2019. Recipients and outflow to work are CBS 2017
 * (Beekdaelen: Nuth, Onderbanken and Schinnen together); the CBS file overrides them.
 * The postcode areas are real ones of the municipality, used when no PC4 table was
 * imported. */
typedef struct {
  const char *name;
  const char *code;
  guint region;
  double recipients;
  double outflow;
  const char *owner;     /* code of the organisation that owns its clients */
  const char *pc4s;
} Municipality;

static const Municipality municipalities[] = {
  { "Beekdaelen", "GM1954", REGION_PARKSTAD, 620, 80, "isd-kompas",
    "6361 6363 6365 6436 6438 6439 6447 6451 6454 6456" },
  { "Brunssum", "GM0899", REGION_PARKSTAD, 1030, 130, "isd-bol", "6441 6442 6443 6444 6445 6446" },
  { "Heerlen", "GM0917", REGION_PARKSTAD, 5100, 640, "gemeente-heerlen",
    "6411 6412 6413 6414 6415 6416 6417 6418 6419 6421 6422 6431 6432 6433" },
  { "Kerkrade", "GM0928", REGION_PARKSTAD, 2070, 210, "gemeente-kerkrade",
    "6461 6462 6463 6464 6465 6466 6467 6468 6469 6471" },
  { "Landgraaf", "GM0882", REGION_PARKSTAD, 1220, 190, "isd-bol", "6371 6372 6373 6374" },
  { "Simpelveld", "GM0965", REGION_PARKSTAD, 160, 40, "isd-kompas", "6351 6353 6369" },
  { "Voerendaal", "GM0986", REGION_PARKSTAD, 150, 20, "isd-kompas", "6311 6312 6343 6367" },
  { "Maastricht", "GM0935", REGION_MAASTRICHT_HEUVELLAND, 4440, 460, "szmh",
    "6211 6212 6213 6214 6215 6216 6217 6218 6219 6221 6222 6223 6224 6225 6226 6227 6228 6229" },
  { "Eijsden-Margraten", "GM1903", REGION_MAASTRICHT_HEUVELLAND, 280, 30, "szmh",
    "6245 6247 6251 6252 6255 6261 6262 6265 6267 6268 6269" },
  { "Gulpen-Wittem", "GM1729", REGION_MAASTRICHT_HEUVELLAND, 190, 30, "szmh",
    "6271 6273 6274 6276 6277 6278 6281 6285 6286 6287 6289" },
  { "Meerssen", "GM0938", REGION_MAASTRICHT_HEUVELLAND, 290, 30, "szmh", "6231 6235 6237 6241 6243" },
  { "Vaals", "GM0981", REGION_MAASTRICHT_HEUVELLAND, 390, 40, "szmh", "6291 6294 6295" },
  { "Valkenburg aan de Geul", "GM0994", REGION_MAASTRICHT_HEUVELLAND, 340, 40, "szmh", "6301 6305 6325 6341 6342" },
  { "Sittard-Geleen", "GM1883", REGION_WESTELIJKE_MIJNSTREEK, 3250, 310, "sd-westelijke-mijnstreek",
    "6121 6122 6123 6124 6125 6127 6131 6132 6133 6134 6135 6136 6137 6141 6142 6143 6151 6153 "
    "6161 6162 6163 6164 6165 6166 6167" },
  { "Beek", "GM0888", REGION_WESTELIJKE_MIJNSTREEK, 340, 30, "sd-westelijke-mijnstreek", "6176 6191 6199" },
  { "Stein", "GM0971", REGION_WESTELIJKE_MIJNSTREEK, 350, 70, "sd-westelijke-mijnstreek", "6129 6171 6181" },
};

#define N_MUNICIPALITIES G_N_ELEMENTS (municipalities)

typedef struct {
  const char *code;
  const char *name;
  const char *kind;
  const char *region;
  const char *serves;    /* municipality names, '|'-separated; NULL for its whole region */
  gboolean owns_clients;
} Organisation;

/* DOMAIN.md, "Organisations". The Westelijke Mijnstreek's clients belong to one social
 * service for Sittard-Geleen, Beek and Stein. */
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

#define N_ORGANISATIONS G_N_ELEMENTS (organisations)

static const char * const region_wsp[N_REGIONS] = { "wsp-parkstad", "podium24", "wsp-westelijke-mijnstreek" };

/* The regions' opportunity sectors (seed 001). */
static const char * const opportunity_sectors[N_REGIONS][4] = {
  { "care", "smart_services", "medical_logistics", NULL },
  { "customer_service", "manufacturing", "hospitality", "leisure" },
  { "automotive", "logistics", "technology", NULL },
};

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

/* Opportunity sectors of the region are drawn far more often than their share of all. */
static const char *
draw_sector (Rng   *rng,
             guint  region)
{
  if (rng_chance (rng, 0.45))
    {
      const char * const *own = opportunity_sectors[region];
      guint n = own[3] != NULL ? 4 : 3;

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
  const Organisation *org;
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
    if (g_ascii_strcasecmp (gemeente, municipalities[m].name) == 0)
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
      demo->recipients[m] = municipalities[m].recipients;
      demo->outflow[m] = municipalities[m].outflow;
      demo->municipality_codes[m] = g_strdup (municipalities[m].code);
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
                         _("%s has no figures for %s"), demo->options->cbs_path, municipalities[m].name);
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
  sqlite3_stmt *stmt;

  for (guint o = 0; o < N_ORGANISATIONS; o++)
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
      state->org = org;
      state->lams = g_array_new (FALSE, FALSE, sizeof (gint64));
      state->consultants = g_array_new (FALSE, FALSE, sizeof (gint64));
      state->wsp_ams = g_array_new (FALSE, FALSE, sizeof (gint64));
    }

  for (guint m = 0; m < N_MUNICIPALITIES; m++)
    {
      stmt = _wb_store_prepare (demo->store,
                                "INSERT INTO municipalities (code, name, region, organisation_id, created_at, updated_at) "
                                "VALUES (?1, ?2, ?3, ?4, ?5, ?5)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, demo->municipality_codes[m], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, municipalities[m].name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, region_names[municipalities[m].region], -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 4, org_by_code (demo, municipalities[m].owner)->id);
      sqlite3_bind_text (stmt, 5, DEMO_STAMP, -1, SQLITE_STATIC);
      if ((demo->municipality_ids[m] = insert_done (demo, stmt, error)) == 0)
        return FALSE;

      /* Postcode areas of the municipality: from the imported table when there is one. */
      demo->pc4s[m] = g_ptr_array_new_with_free_func (g_free);
      stmt = _wb_store_prepare (demo->store,
                                "SELECT pc4 FROM pc4_areas WHERE municipality = ?1 COLLATE NOCASE ORDER BY pc4",
                                error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, municipalities[m].name, -1, SQLITE_STATIC);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_ptr_array_add (demo->pc4s[m], g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      sqlite3_reset (stmt);
      if (demo->pc4s[m]->len == 0)
        {
          g_auto(GStrv) codes = g_strsplit (municipalities[m].pc4s, " ", -1);

          for (guint i = 0; codes[i] != NULL; i++)
            g_ptr_array_add (demo->pc4s[m], g_strdup (codes[i]));
        }
    }

  for (guint o = 0; o < N_ORGANISATIONS; o++)
    {
      const Organisation *org = &organisations[o];
      g_auto(GStrv) names = org->serves != NULL ? g_strsplit (org->serves, "|", -1) : NULL;

      for (guint m = 0; m < N_MUNICIPALITIES; m++)
        {
          gboolean serves;

          if (names != NULL)
            serves = g_strv_contains ((const char * const *) names, municipalities[m].name);
          else
            serves = strcmp (org->region, "Zuid-Limburg") == 0 ||
                     strcmp (org->region, region_names[municipalities[m].region]) == 0;
          if (!serves)
            continue;
          stmt = _wb_store_prepare (demo->store,
                                    "INSERT INTO organisation_municipalities (organisation_id, municipality_id) "
                                    "VALUES (?1, ?2)", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, demo->orgs[o].id);
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
          char *longer = g_strdup_printf ("%s %s", base, municipalities[municipality].name);
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
    if (strcmp (municipalities[m].name, name) == 0)
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
      region = municipalities[info.municipality].region;
      local = org_by_code (demo, municipalities[info.municipality].owner);
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
      guint region = municipalities[employer->municipality].region;
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

#define MAX_EVENTS 16

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
  static const char * const contracts[] = { "temporary", "temporary", "permanent", "on_call", "secondment" };
  static const char * const other_outflow[] = { "verhuizing", "opleiding", "inkomen partner", "overig" };
  static const char * const returns[] = { "Contract niet verlengd", "Proeftijd niet doorstaan", "Uitval door gezondheid" };
  static const char * const early[] = { "intake", "diagnosis", "activation", "development" };

  guint m = pick_municipality (demo);
  guint region = municipalities[m].region;
  OrgState *org = org_by_code (demo, municipalities[m].owner);
  OrgState *wsp = org_by_code (demo, region_wsp[region]);
  const char *pc4 = pick_pc4 (demo, m);
  g_autofree char *bsn = next_bsn (demo);
  char postcode[8];
  char house[8];
  g_autofree char *email = NULL;
  g_autofree char *ascii = NULL;
  g_autofree char *lower = NULL;
  const char *given = PICK (&demo->rng, given_names);
  const char *family = PICK (&demo->rng, family_names);
  int age = rng_range (&demo->rng, 18, 66);
  int capacity_roll = rng_range (&demo->rng, 0, 99);
  int capacity = capacity_roll < 12 ? rng_range (&demo->rng, 10, 29)
               : capacity_roll < 70 ? rng_range (&demo->rng, 30, 79) : rng_range (&demo->rng, 80, 100);
  gboolean ready = capacity >= 80;
  const char *group = PICK_WEIGHTED (&demo->rng, groups, group_weights);
  const char *transport_mode = PICK_WEIGHTED (&demo->rng, transport, transport_weights);
  g_autoptr(JsonArray) barriers = json_array_new ();
  g_autoptr(JsonNode) barriers_node = NULL;
  g_autofree char *barriers_text = NULL;
  gint64 consultant = pick_id (&demo->rng, org->consultants);
  gint64 wsp_am = ready && rng_chance (&demo->rng, 0.6) ? pick_id (&demo->rng, wsp->wsp_ams) : 0;
  Occupation *experience[3] = { NULL, NULL, NULL };
  guint n_experience = 0;
  Timeline timeline = { 0 };
  Diagnosis diagnoses[2];
  guint n_diagnoses = 0;
  int intake = rng_range (&demo->rng, 0, HISTORY_DAYS - 1);
  int referral = -1, placement = -1, outflow = -1, returned = -1;
  gboolean full = FALSE, gone, diagnosed, stale = FALSE;
  const char *phase, *status;
  VacancyInfo *vacancy = NULL;
  int last_activity;
  sqlite3_stmt *stmt;
  gint64 client;
  Event *event;

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
    if (rng_chance (&demo->rng, capacity < 50 ? 0.25 : 0.08))
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

  /* The path, in days before the end day. Intake lies somewhere in the five years;
   * placement comes at least two months after it and after a referral to the WSP. Every
   * month in the files a client finds work with the chance that makes the yearly outflow
   * to work of the municipality's clients its CBS rate (uitstroom naar werk per
   * bijstandsontvanger); work-ready clients twice as often, the others about half. The
   * first two months and the wait for a referral count in the stock but cannot end in a
   * placement, hence the 1.4. */
  if (wsp_am > 0)
    referral = not_before_end (intake - rng_range (&demo->rng, 30, 200));
  {
    int latest = intake - 60;
    double monthly = 1.4 * demo->outflow_rate[m] * (ready ? 2.0 : 0.55) / 12.0;

    if (referral >= 0)
      latest = MIN (latest, referral - 7);
    for (int month = latest; month >= 0 && placement < 0; month -= 30)
      if (rng_chance (&demo->rng, monthly))
        placement = month - rng_range (&demo->rng, 0, MIN (29, month));
    if (placement >= 0)
      {
        full = rng_chance (&demo->rng, 0.6);
        outflow = not_before_end (placement - rng_range (&demo->rng, 0, 7));
        /* Not durable: back on benefit within six months. */
        if (placement > 30 && rng_chance (&demo->rng, 0.2))
          returned = placement - rng_range (&demo->rng, 30, MIN (150, placement));
      }
    else if (intake > 90 && rng_chance (&demo->rng, 0.05))
      {
        outflow = rng_range (&demo->rng, 0, intake - 90);
        full = TRUE;
      }
  }
  /* Gone: out of the files for good, no further events of the organisation. */
  gone = outflow >= 0 && returned < 0 && full;
  if (gone && referral >= 0 && referral < outflow)
    {
      referral = -1;
      wsp_am = 0;
    }

  /* Diagnosis: about 10 % have none. Of those still in the files whose diagnosis is
   * more than a year old most got a new one, so that about 15 % of the current ones are
   * stale. Without a taxonomy a diagnosis has nothing to record; the client still counts
   * as diagnosed for where they are on the path. */
  diagnosed = rng_chance (&demo->rng, 0.90);
  if (diagnosed && demo->competences->len > 0)
    {
      Diagnosis *first = &diagnoses[n_diagnoses++];

      draw_diagnosis (demo, first, experience[0]);
      first->back = not_before_end (intake - rng_range (&demo->rng, 7, 60));
      if (gone && first->back < outflow)
        first->back = outflow;
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

  /* The timeline, built in order of cause; stored sorted by date. */
  event = timeline_add (&timeline, "intake", intake, org->id, consultant);
  event->note = "Intakegesprek";
  for (guint d = 0; d < n_diagnoses; d++)
    {
      event = timeline_add (&timeline, "diagnosis", diagnoses[d].back, org->id, consultant);
      event->note = d == 0 ? "Competentiediagnose" : "Diagnose geactualiseerd";
    }
  if (intake > 30)
    {
      int start = intake - rng_range (&demo->rng, 20, MIN (intake, 120));

      if (!gone || start > outflow)
        {
          event = timeline_add (&timeline, "track_start", start, org->id, consultant);
          event->instrument = PICK (&demo->rng, instruments);
          if (start > 90)
            {
              int end = start - rng_range (&demo->rng, 30, 90);

              if (!gone || end >= outflow)
                timeline_add (&timeline, "track_end", end, org->id, consultant);
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
          int lo = stale ? 0 : MAX (gone ? outflow : 0, referral - 60);
          int hi = stale ? MIN (60, referral) : referral;

          event = timeline_add (&timeline, "diagnosis_signal", rng_range (&demo->rng, lo, hi), wsp->id, wsp_am);
          event->addressed_to = org->id;
          event->reason = stale ? "Diagnose ouder dan 12 maanden" : "Geen diagnose";
        }
    }
  if (placement >= 0)
    {
      gint64 author = referral >= 0 ? wsp_am : pick_id (&demo->rng, org->lams);
      GArray *nearby = demo->region_employers[region]->len > 0 ? demo->region_employers[region] : NULL;

      vacancy = rng_chance (&demo->rng, 0.3) ? find_filled_vacancy (demo, region, placement) : NULL;
      event = timeline_add (&timeline, "placement", placement, referral >= 0 ? wsp->id : org->id, author);
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
          event->hours = rng_range (&demo->rng, 3, 10) * 4;
          event->contract = PICK (&demo->rng, contracts);
        }
      event->outflow_type = full ? "full" : "partial";

      event = timeline_add (&timeline, "after_care", not_before_end (placement - rng_range (&demo->rng, 0, 14)), org->id, consultant);
      event->instrument = "after_care_coach";
      event = timeline_add (&timeline, "outflow", outflow, org->id, consultant);
      event->reason = "werk";
      event->outflow_type = full ? "full" : "partial";
      if (returned >= 0)
        {
          event = timeline_add (&timeline, "return_to_benefit", returned, org->id, consultant);
          event->reason = PICK (&demo->rng, returns);
        }
    }
  else if (outflow >= 0)
    {
      event = timeline_add (&timeline, "outflow", outflow, org->id, consultant);
      event->reason = PICK (&demo->rng, other_outflow);
      event->outflow_type = "full";
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

  /* Where the client is now. */
  if (gone)
    {
      phase = "outflow";
      status = "outflow";
    }
  else
    {
      status = "active";
      if (placement >= 0 && returned < 0)
        phase = "after_care";
      else if (!diagnosed)
        phase = intake < 60 ? "intake" : PICK (&demo->rng, early);
      else if (ready)
        phase = rng_chance (&demo->rng, 0.6) ? "work_ready" : "development";
      else
        phase = early[rng_range (&demo->rng, 1, G_N_ELEMENTS (early) - 1)];
    }

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
  sqlite3_bind_text (stmt, 9, municipalities[m].name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, "06-00000000", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 11, email, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 12, pc4, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 13, DEMO_END_YEAR - age);
  sqlite3_bind_text (stmt, 14, group, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 15, day (demo, intake + rng_range (&demo->rng, 0, 60)), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 16, PICK_WEIGHTED (&demo->rng, education, education_weights), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 17, PICK_WEIGHTED (&demo->rng, language, language_weights), -1, SQLITE_STATIC);
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
  sqlite3_bind_text (stmt, 28, ready ? "plaatsing" : "activering", -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 29, consultant);
  bind_id_or_null (stmt, 30, wsp_am);
  /* The pool of work-ready jobseekers (seed 001): about one in twenty clients. */
  sqlite3_bind_int (stmt, 31, g_str_equal (phase, "work_ready") && rng_chance (&demo->rng, 0.5));
  sqlite3_bind_text (stmt, 32, status, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 33, day (demo, last_activity), -1, SQLITE_STATIC);
  bind_text_or_null (stmt, 34, n_diagnoses > 0 ? day (demo, diagnoses[n_diagnoses - 1].back) : NULL);
  sqlite3_bind_text (stmt, 35, DEMO_STAMP, -1, SQLITE_STATIC);
  client = insert_done (demo, stmt, error);
  if (client == 0)
    return FALSE;
  if (!gone && diagnosed && capacity >= 30 && placement < 0)
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
  /* Maastricht-Heuvelland's work plan 2018–2021 (seed 002). */
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
    if (!add_target (demo, "activated", "region", "Maastricht-Heuvelland", 2018 + y, activated[y], error))
      return FALSE;
  for (guint y = 0; y < G_N_ELEMENTS (outflow); y++)
    if (!add_target (demo, "outflow", "region", "Maastricht-Heuvelland", 2018 + y, outflow[y], error))
      return FALSE;
  for (guint r = 0; r < N_REGIONS; r++)
    for (int year = 2024; year <= 2026; year++)
      {
        int base = r == REGION_PARKSTAD ? 420 : r == REGION_MAASTRICHT_HEUVELLAND ? 360 : 260;

        if (!add_target (demo, "placements", "region", region_names[r], year, base + (year - 2024) * 20, error) ||
            !add_target (demo, "durable_placements", "region", region_names[r], year, base * 6 / 10, error))
          return FALSE;
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
       create_users (&demo, error);
  ok = ok && create_employers (&demo, n_employers, error);
  if (ok)
    progress (&demo, _("Vacancies"), 0.0);
  ok = ok && create_vacancies (&demo, n_vacancies, error);

  for (guint i = 0; ok && i < n_clients; i++)
    {
      if (i % 512 == 0)
        progress (&demo, _("Clients"), (double) i / n_clients);
      ok = create_client (&demo, i, error);
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
