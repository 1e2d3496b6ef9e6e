/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-geo"

#include "config.h"

#include <math.h>
#include <string.h>

#include "wb-geo.h"

#define N_SLOTS (WB_GEO_PC4_MAX + 1)

struct _WbGeo
{
  double lat[N_SLOTS];
  double lon[N_SLOTS];
  guint8 known[N_SLOTS];
  guint n_areas;
};

WbGeo *
wb_geo_new (void)
{
  return g_new0 (WbGeo, 1);
}

void
wb_geo_free (WbGeo *geo)
{
  g_free (geo);
}

static gboolean
valid_pc4 (int pc4)
{
  return pc4 >= WB_GEO_PC4_MIN && pc4 <= WB_GEO_PC4_MAX;
}

gboolean
wb_geo_set (WbGeo  *geo,
            int     pc4,
            double  lat,
            double  lon)
{
  g_return_val_if_fail (geo != NULL, FALSE);

  if (!valid_pc4 (pc4) || !isfinite (lat) || !isfinite (lon) ||
      lat < -90 || lat > 90 || lon < -180 || lon > 180)
    return FALSE;
  if (!geo->known[pc4])
    geo->n_areas++;
  geo->lat[pc4] = lat;
  geo->lon[pc4] = lon;
  geo->known[pc4] = TRUE;
  return TRUE;
}

gboolean
wb_geo_lookup (const WbGeo *geo,
               int          pc4,
               double      *lat,
               double      *lon)
{
  g_return_val_if_fail (geo != NULL, FALSE);

  if (!valid_pc4 (pc4) || !geo->known[pc4])
    return FALSE;
  if (lat)
    *lat = geo->lat[pc4];
  if (lon)
    *lon = geo->lon[pc4];
  return TRUE;
}

guint
wb_geo_get_n_areas (const WbGeo *geo)
{
  g_return_val_if_fail (geo != NULL, 0);
  return geo->n_areas;
}

int
wb_geo_parse_pc4 (const char *text)
{
  int value = 0;
  guint digits = 0;

  if (text == NULL)
    return 0;
  while (g_ascii_isspace (*text))
    text++;
  while (g_ascii_isdigit (*text) && digits < 5)
    {
      value = value * 10 + (*text - '0');
      digits++;
      text++;
    }
  /* Four digits, then the end, a space or the letters of a full postcode. */
  if (digits != 4 || (*text != '\0' && !g_ascii_isspace (*text) && !g_ascii_isalpha (*text)))
    return 0;
  return valid_pc4 (value) ? value : 0;
}

double
wb_geo_distance_km (double lat1,
                    double lon1,
                    double lat2,
                    double lon2)
{
  const double radius = 6371.0088;
  const double to_rad = G_PI / 180.0;
  double dlat = (lat2 - lat1) * to_rad;
  double dlon = (lon2 - lon1) * to_rad;
  double s_lat = sin (dlat / 2);
  double s_lon = sin (dlon / 2);
  double a = s_lat * s_lat + cos (lat1 * to_rad) * cos (lat2 * to_rad) * s_lon * s_lon;

  return 2 * radius * asin (sqrt (MIN (1.0, a)));
}

double
wb_geo_pc4_distance_km (const WbGeo *geo,
                        int          pc4_a,
                        int          pc4_b)
{
  g_return_val_if_fail (geo != NULL, -1);

  if (!valid_pc4 (pc4_a) || !valid_pc4 (pc4_b) || !geo->known[pc4_a] || !geo->known[pc4_b])
    return -1;
  if (pc4_a == pc4_b)
    return 0;
  return wb_geo_distance_km (geo->lat[pc4_a], geo->lon[pc4_a], geo->lat[pc4_b], geo->lon[pc4_b]);
}

int
wb_geo_default_reach_km (const char *transport)
{
  static const struct {
    const char *mode;
    int km;
  } reach[] = {
    { "none", 5 },
    { "walking", 3 },
    { "bicycle", 10 },
    { "public_transport", 25 },
    { "scooter", 20 },
    { "car", 40 },
  };

  if (transport == NULL)
    return -1;
  for (guint i = 0; i < G_N_ELEMENTS (reach); i++)
    if (strcmp (reach[i].mode, transport) == 0)
      return reach[i].km;
  return -1;
}
