/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "wb-store.h"

G_BEGIN_DECLS

/* South Limburg as it is: its three labour-market regions, sixteen municipalities and the
 * organisations of the re-integration chain (DOMAIN.md, "Organisations"). The demo builds
 * its synthetic region on them; `werkbrug-server init` starts a real one with them. */

#define WB_REGION_N_REGIONS        3
#define WB_REGION_N_MUNICIPALITIES 16
#define WB_REGION_N_ORGANISATIONS  16

enum {
  WB_REGION_PARKSTAD,
  WB_REGION_MAASTRICHT_HEUVELLAND,
  WB_REGION_WESTELIJKE_MIJNSTREEK,
};

typedef struct {
  const char *name;
  const char *code;      /* CBS gemeentecode */
  guint region;          /* index into wb_region_names */
  double recipients;     /* social-assistance recipients, CBS 2017 */
  double outflow;        /* of whom flowed out to work in a year */
  const char *pc4s;      /* real postcode areas, ' '-separated, for when no PC4 table is there */
} WbRegionMunicipality;

typedef struct {
  const char *code;
  const char *name;
  const char *kind;
  const char *region;    /* a region name or "Zuid-Limburg" */
  const char *serves;    /* municipality names, '|'-separated; NULL for its whole region */
  gboolean owns_clients; /* the municipalities it serves are its: their clients are its */
} WbRegionOrganisation;

extern const char * const wb_region_names[WB_REGION_N_REGIONS];
extern const WbRegionMunicipality wb_region_municipalities[WB_REGION_N_MUNICIPALITIES];
extern const WbRegionOrganisation wb_region_organisations[WB_REGION_N_ORGANISATIONS];

/* Whether @organisation serves municipality @m. */
gboolean  wb_region_serves              (const WbRegionOrganisation  *organisation,
                                         guint                        m);
/* The index of the organisation among @organisations that owns municipality @m's
 * clients, or -1 when none does. */
int       wb_region_owner_of            (const WbRegionOrganisation  *organisations,
                                         guint                        n_organisations,
                                         guint                        m);

/* Writes @organisations, the sixteen municipalities (with @municipality_codes, or the
 * built-in codes when NULL) and which organisation serves which into @store, within the
 * caller's transaction, stamped @stamp. Fills @organisation_ids and @municipality_ids
 * (arrays of the right length) when they are not NULL. */
gboolean  wb_region_insert              (WbStore                     *store,
                                         const WbRegionOrganisation  *organisations,
                                         guint                        n_organisations,
                                         const char * const          *municipality_codes,
                                         const char                  *stamp,
                                         gint64                      *organisation_ids,
                                         gint64                      *municipality_ids,
                                         GError                     **error);

/* A region's organisations from a CSV file with the columns code, name, kind and region,
 * and optionally serves (names of the municipalities it serves, '|'-separated; empty for
 * its whole region) and owns_clients (ja/nee). Every row is checked as the API checks an
 * organisation; the first wrong row fails the whole file (WB_STORE_ERROR_INVALID, with
 * its line). Returns a GArray of WbRegionOrganisation that owns its strings. */
GArray   *wb_region_read_organisations  (const char                  *path,
                                         GError                     **error);

G_END_DECLS
