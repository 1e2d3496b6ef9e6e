/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Four-digit postcode areas (PC4) and the distance between their centres.
 *
 * A PC4 is kept as its number, 1000–9999; 0 stands for "not known". The table is a flat
 * array indexed by that number, so a lookup is one load. */

#define WB_GEO_PC4_MIN 1000
#define WB_GEO_PC4_MAX 9999

typedef struct _WbGeo WbGeo;

WbGeo      *wb_geo_new               (void);
void        wb_geo_free              (WbGeo       *geo);

/* Sets (or replaces) the centre of @pc4. Returns FALSE when @pc4 is not a PC4 number or
 * the coordinates are not on the earth. */
gboolean    wb_geo_set               (WbGeo       *geo,
                                      int          pc4,
                                      double       lat,
                                      double       lon);
gboolean    wb_geo_lookup            (const WbGeo *geo,
                                      int          pc4,
                                      double      *lat,
                                      double      *lon);
guint       wb_geo_get_n_areas       (const WbGeo *geo);

/* "6411", " 6411 " and "6411 AB" give 6411; anything else gives 0. */
int         wb_geo_parse_pc4         (const char  *text);

/* Great-circle distance in kilometres (haversine, mean earth radius 6371.0088 km). */
double      wb_geo_distance_km       (double       lat1,
                                      double       lon1,
                                      double       lat2,
                                      double       lon2);

/* Distance between the centres of two areas, or -1 when either centre is not known. */
double      wb_geo_pc4_distance_km   (const WbGeo *geo,
                                      int          pc4_a,
                                      int          pc4_b);

/* How far someone can reasonably travel to work each day with a transport mode
 * ("none", "walking", "bicycle", "public_transport", "scooter", "car"), in km;
 * -1 for an unknown mode. Used when a client has no maximum distance of their own. */
int         wb_geo_default_reach_km  (const char  *transport);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WbGeo, wb_geo_free)

G_END_DECLS
