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
  /* Only the rows with these ids (gint64), as an app that follows the change feed reads
   * the rows that changed; NULL: every row. */
  GArray     *ids;
  /* Field name -> value as text: the rows with that value are left out (a filter the
   * other way round, e.g. the audit's reads of the audit). NULL: none. */
  GHashTable *exclude;
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
/* A second connection to the database at @path, which a store has opened (and migrated)
 * already, that only reads: for the server's read workers. Not for ":memory:". */
WbStore      *wb_store_open_readonly      (const char          *path,
                                           GError             **error);
const char   *wb_store_get_path           (WbStore             *self);
/* Durability. A store commits with synchronous=FULL: a commit returns once it is on disk.
 * After wb_store_defer_sync a commit returns once it is in the write-ahead log, which is
 * safe against a crash of the process (kill -9: the operating system has the log) but not
 * yet against a loss of power; wb_store_sync then puts every commit made so far on disk,
 * with one flush for however many commits: what the server does for a group of writes
 * before it answers them. wb_store_sync may be called from any thread. Not for ":memory:". */
gboolean      wb_store_defer_sync         (WbStore             *self,
                                           GError             **error);
gboolean      wb_store_sync               (WbStore             *self,
                                           GError             **error);
/* Rows this connection has inserted, changed or deleted since it opened, committed or not:
 * whether a piece of code wrote. */
gint64        wb_store_get_total_changes  (WbStore             *self);
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
/* Ends every session of @user_id: logging out everywhere. */
gboolean      wb_store_delete_user_sessions (WbStore           *self,
                                           gint64               user_id,
                                           GError             **error);

gboolean      wb_store_backup             (WbStore             *self,
                                           const char          *to,
                                           GError             **error);

/* A result computed from the database as this connection sees it (a list's order, the
 * evaluated accounts), kept until a table it was computed from is written to, by this
 * connection or another one or another process; NULL when there is none or something it
 * depends on was written since. Each connection keeps its own: look up, compute on NULL,
 * insert. Every table counts its writes in table_generations (triggers, see
 * wb-store-schema.sql.h), so that a write drops only what depends on the tables written. */
gpointer      wb_store_cache_lookup       (WbStore             *self,
                                           const char          *key);
/* Takes @data; @size is what it holds, in bytes, so that the cache stays bounded. Kept
 * until anything at all is written to the database. */
void          wb_store_cache_insert       (WbStore             *self,
                                           const char          *key,
                                           gpointer             data,
                                           gsize                size,
                                           GDestroyNotify       destroy);
/* The same, kept until one of @tables (SQL table names, NULL-terminated; NULL: any table)
 * is written to. Name every table the result was read from, those of joins and subqueries
 * too: a table left out leaves the result stale after a write to it. */
void          wb_store_cache_insert_for   (WbStore             *self,
                                           const char          *key,
                                           const char * const  *tables,
                                           gpointer             data,
                                           gsize                size,
                                           GDestroyNotify       destroy);
/* The tables the rows wb_store_list and wb_store_get answer for @resource are read from:
 * its own table and those of the details it carries (a vacancy's competences). NULL-terminated. */
const char * const *wb_store_resource_tables (WbResource       resource);

/* A count of rows in a table, for reports and tests. */
gint64        wb_store_count              (WbStore             *self,
                                           const char          *table);

/* The current UTC time as ISO 8601, and today's date, as the store writes them. */
char         *wb_store_now                (void);
char         *wb_store_today              (void);

G_END_DECLS
