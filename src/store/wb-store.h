/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "wb-core.h"

G_BEGIN_DECLS

#define WB_STORE_ERROR (wb_store_error_quark ())

typedef enum {
  WB_STORE_ERROR_FAILED,
  WB_STORE_ERROR_NOT_FOUND,
  WB_STORE_ERROR_CONFLICT,   /* a unique key is taken */
  WB_STORE_ERROR_STALE,      /* the record changed since the version the writer read */
  WB_STORE_ERROR_INVALID,    /* a reference or constraint does not hold */
  WB_STORE_ERROR_BUSY,
} WbStoreError;

GQuark wb_store_error_quark (void);

#define WB_TYPE_STORE (wb_store_get_type ())

G_DECLARE_FINAL_TYPE (WbStore, wb_store, WB, STORE, GObject)

/* A page of a list: which rows, which order, which filters. */
typedef struct {
  const char *q;             /* search text, matched against the resource's search fields */
  const char *sort;          /* a sortable field, "-" in front for descending */
  GHashTable *filters;       /* field name -> value as text */
  gint64      parent_id;     /* for nested resources */
  guint       offset;
  guint       limit;
  /* Where the caller sees some rows only pseudonymously (restrict_identity): the fields the
   * pseudonymous profile leaves out (not WB_FIELD_PUBLIC) are searched, filtered and sorted
   * on only in the rows the caller may see in full, those of full_organisation_id and those
   * referred to full_user_id (-1 for none); elsewhere a search for a name must not tell
   * whose pseudonym it is. */
  gboolean    restrict_identity;
  gint64      full_organisation_id;
  gint64      full_user_id;
} WbListQuery;

/* What the server needs to know of a user to authenticate and authorise. */
typedef struct {
  gint64 id;
  gint64 organisation_id;
  char *username;
  char *display_name;
  char *role;
  gboolean active;
  char *password_hash;
} WbStoreUser;

void          wb_store_user_free          (WbStoreUser *user);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WbStoreUser, wb_store_user_free)

WbStore      *wb_store_open               (const char          *path,
                                           GError             **error);
const char   *wb_store_get_path           (WbStore             *self);
int           wb_store_get_schema_version (WbStore             *self);
int           wb_store_get_latest_schema_version (void);

gboolean      wb_store_begin              (WbStore             *self,
                                           GError             **error);
gboolean      wb_store_commit             (WbStore             *self,
                                           GError             **error);
void          wb_store_rollback           (WbStore             *self);

JsonObject   *wb_store_get                (WbStore             *self,
                                           WbResource           resource,
                                           gint64               id,
                                           GError             **error);
GPtrArray    *wb_store_list               (WbStore             *self,
                                           WbResource           resource,
                                           const WbListQuery   *query,
                                           gint64              *total,
                                           GError             **error);
gint64        wb_store_insert             (WbStore             *self,
                                           WbResource           resource,
                                           JsonObject          *object,
                                           GError             **error);
gboolean      wb_store_update             (WbStore             *self,
                                           WbResource           resource,
                                           gint64               id,
                                           gint64               expected_version,
                                           JsonObject          *changes,
                                           GError             **error);
/* Adds a field error for every reference in @object that names no row. */
void          wb_store_check_references   (WbStore             *self,
                                           WbResource           resource,
                                           JsonObject          *object,
                                           GPtrArray           *errors);

gboolean      wb_store_audit              (WbStore             *self,
                                           gint64               user_id,
                                           gint64               organisation_id,
                                           const char          *action,
                                           const char          *resource,
                                           gint64               resource_id,
                                           const char          *reason,
                                           GError             **error);

WbStoreUser  *wb_store_find_user          (WbStore             *self,
                                           const char          *username,
                                           gint64               id,
                                           GError             **error);
gint64        wb_store_add_user           (WbStore             *self,
                                           gint64               organisation_id,
                                           const char          *username,
                                           const char          *display_name,
                                           const char          *role,
                                           const char          *password_hash,
                                           GError             **error);
gboolean      wb_store_set_password_hash  (WbStore             *self,
                                           gint64               user_id,
                                           const char          *password_hash,
                                           GError             **error);
gint64        wb_store_find_organisation  (WbStore             *self,
                                           const char          *code,
                                           GError             **error);
gboolean      wb_store_add_session        (WbStore             *self,
                                           const char          *token_hash,
                                           gint64               user_id,
                                           gint64               expires_at,
                                           GError             **error);
gint64        wb_store_lookup_session     (WbStore             *self,
                                           const char          *token_hash,
                                           gint64               now);
gboolean      wb_store_delete_session     (WbStore             *self,
                                           const char          *token_hash,
                                           GError             **error);

gboolean      wb_store_backup             (WbStore             *self,
                                           const char          *to,
                                           GError             **error);

/* A count of rows in a table, for reports and tests. */
gint64        wb_store_count              (WbStore             *self,
                                           const char          *table);

/* The current UTC time as ISO 8601, and today's date, as the store writes them. */
char         *wb_store_now                (void);
char         *wb_store_today              (void);

G_END_DECLS
