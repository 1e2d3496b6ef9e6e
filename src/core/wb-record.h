/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "wb-schema.h"

G_BEGIN_DECLS

#define WB_TYPE_RECORD (wb_record_get_type ())

G_DECLARE_FINAL_TYPE (WbRecord, wb_record, WB, RECORD, GObject)

/* One record of a resource as the central layer hands it out: its fields as JSON, typed
 * by the resource's field table, with the version that makes its ETag. */
WbRecord     *wb_record_new              (WbResource  resource,
                                          JsonObject *object);
WbResource    wb_record_get_resource     (WbRecord   *self);
gint64        wb_record_get_id           (WbRecord   *self);
gint64        wb_record_get_version      (WbRecord   *self);
char         *wb_record_dup_etag         (WbRecord   *self);
JsonObject   *wb_record_get_object       (WbRecord   *self);
const char   *wb_record_get_string       (WbRecord   *self,
                                          const char *field);
gint64        wb_record_get_int          (WbRecord   *self,
                                          const char *field);
gboolean      wb_record_get_boolean      (WbRecord   *self,
                                          const char *field);
double        wb_record_get_double       (WbRecord   *self,
                                          const char *field);
gboolean      wb_record_has_field        (WbRecord   *self,
                                          const char *field);
JsonArray    *wb_record_get_array        (WbRecord   *self,
                                          const char *field);

/* The same for an object inside a record (an employer's summary, a briefing): NULL or 0
 * where @member is missing, null or of another type; @object may be NULL. */
const char   *wb_json_get_string         (JsonObject *object,
                                          const char *member);
gint64        wb_json_get_int            (JsonObject *object,
                                          const char *member);
JsonArray    *wb_json_get_array          (JsonObject *object,
                                          const char *member);
JsonObject   *wb_json_get_object         (JsonObject *object,
                                          const char *member);
char         *wb_record_to_json          (WbRecord   *self);

/* The ETag of a version: a quoted string so that it is a strong validator. */
char         *wb_etag_for_version        (gint64      version);
gboolean      wb_etag_parse              (const char *etag,
                                          gint64     *version);

G_END_DECLS
