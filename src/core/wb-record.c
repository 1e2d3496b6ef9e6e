/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-record"

#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "wb-record.h"

struct _WbRecord
{
  GObject parent_instance;

  WbResource resource;
  JsonObject *object;
};

G_DEFINE_FINAL_TYPE (WbRecord, wb_record, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_VERSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
wb_record_finalize (GObject *object)
{
  WbRecord *self = (WbRecord *) object;

  g_clear_pointer (&self->object, json_object_unref);

  G_OBJECT_CLASS (wb_record_parent_class)->finalize (object);
}

static void
wb_record_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  WbRecord *self = WB_RECORD (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, wb_record_get_id (self));
      break;
    case PROP_VERSION:
      g_value_set_int64 (value, wb_record_get_version (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wb_record_class_init (WbRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = wb_record_finalize;
  object_class->get_property = wb_record_get_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_VERSION] =
    g_param_spec_int64 ("version", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
wb_record_init (WbRecord *self)
{
}

WbRecord *
wb_record_new (WbResource  resource,
               JsonObject *object)
{
  WbRecord *self;

  g_return_val_if_fail (resource < WB_N_RESOURCES, NULL);
  g_return_val_if_fail (object != NULL, NULL);

  self = g_object_new (WB_TYPE_RECORD, NULL);
  self->resource = resource;
  self->object = json_object_ref (object);
  return self;
}

WbResource
wb_record_get_resource (WbRecord *self)
{
  g_return_val_if_fail (WB_IS_RECORD (self), WB_N_RESOURCES);
  return self->resource;
}

gint64
wb_record_get_id (WbRecord *self)
{
  return wb_record_get_int (self, "id");
}

gint64
wb_record_get_version (WbRecord *self)
{
  return wb_record_get_int (self, "version");
}

char *
wb_record_dup_etag (WbRecord *self)
{
  return wb_etag_for_version (wb_record_get_version (self));
}

JsonObject *
wb_record_get_object (WbRecord *self)
{
  g_return_val_if_fail (WB_IS_RECORD (self), NULL);
  return self->object;
}

static JsonNode *
get_value_node (WbRecord   *self,
                const char *field)
{
  JsonNode *node;

  g_return_val_if_fail (WB_IS_RECORD (self), NULL);
  g_return_val_if_fail (field != NULL, NULL);

  node = json_object_get_member (self->object, field);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  return node;
}

const char *
wb_record_get_string (WbRecord   *self,
                      const char *field)
{
  JsonNode *node = get_value_node (self, field);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

gint64
wb_record_get_int (WbRecord   *self,
                   const char *field)
{
  JsonNode *node = get_value_node (self, field);

  if (node == NULL)
    return 0;
  return json_node_get_int (node);
}

double
wb_record_get_double (WbRecord   *self,
                      const char *field)
{
  JsonNode *node = get_value_node (self, field);

  if (node == NULL)
    return 0.0;
  return json_node_get_double (node);
}

gboolean
wb_record_get_boolean (WbRecord   *self,
                       const char *field)
{
  JsonNode *node = get_value_node (self, field);

  if (node == NULL)
    return FALSE;
  return json_node_get_boolean (node);
}

gboolean
wb_record_has_field (WbRecord   *self,
                     const char *field)
{
  g_return_val_if_fail (WB_IS_RECORD (self), FALSE);
  return json_object_has_member (self->object, field);
}

JsonArray *
wb_record_get_array (WbRecord   *self,
                     const char *field)
{
  JsonNode *node;

  g_return_val_if_fail (WB_IS_RECORD (self), NULL);

  node = json_object_get_member (self->object, field);
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  return json_node_get_array (node);
}

char *
wb_record_to_json (WbRecord *self)
{
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (WB_IS_RECORD (self), NULL);

  node = json_node_init_object (json_node_alloc (), self->object);
  return json_to_string (node, FALSE);
}

char *
wb_etag_for_version (gint64 version)
{
  return g_strdup_printf ("\"v%" G_GINT64_FORMAT "\"", version);
}

gboolean
wb_etag_parse (const char *etag,
               gint64     *version)
{
  char *end = NULL;
  gint64 v;

  g_return_val_if_fail (version != NULL, FALSE);

  if (etag == NULL)
    return FALSE;
  if (g_str_has_prefix (etag, "W/"))
    etag += 2;
  /* Only the digits we write: strtoll alone would also take " 3", "+3" and clamp overflow. */
  if (etag[0] != '"' || etag[1] != 'v' || !g_ascii_isdigit (etag[2]))
    return FALSE;
  errno = 0;
  v = g_ascii_strtoll (etag + 2, &end, 10);
  if (errno != 0 || end[0] != '"' || end[1] != '\0' || v <= 0)
    return FALSE;
  *version = v;
  return TRUE;
}

const char *
wb_json_get_string (JsonObject *object,
                    const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING ?
         json_node_get_string (node) : NULL;
}

gint64
wb_json_get_int (JsonObject *object,
                 const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64 ?
         json_node_get_int (node) : 0;
}

JsonArray *
wb_json_get_array (JsonObject *object,
                   const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

JsonObject *
wb_json_get_object (JsonObject *object,
                    const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}
