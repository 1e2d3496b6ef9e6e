/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <libsoup/soup.h>

#include "wb-server.h"
#include "wb-store.h"

G_BEGIN_DECLS

/* The request and response helpers every resource module uses. They know HTTP, the store
 * and the policy, and no module: see docs/server.md. */

/* A request body may be at most this large. */
#define WB_SERVER_MAX_BODY_SIZE (1024 * 1024)

/* Who asks: the user behind the bearer token. */
typedef struct {
  gint64 id;
  gint64 organisation_id;
  WbRole role;
} WbCaller;

typedef struct _WbRoute WbRoute;
typedef struct _WbRouter WbRouter;

#define WB_ROUTE_MAX_PARAMS 4

/* One request as a handler sees it: /api/v1/<segments...>?<query> */
typedef struct {
  WbServer *server;      /* only to keep it alive while an answer is pending */
  SoupServerMessage *msg;
  const char *method;
  char **segments;       /* the path after /api/v1/, without empty segments */
  guint n_segments;
  GHashTable *query;     /* the query parameters, or NULL */
  WbStore *store;        /* the store the handler reads and writes: never another */
  WbCaller caller;       /* who asks; unset on a route that needs no authentication */
  const WbRoute *route;  /* the route answered */
  gpointer module;       /* the state of the module whose handler or hook runs */
  WbRouter *router;      /* for the record hooks and the change subscribers */
  /* The route's parameters, as the dispatcher read them from the path */
  guint n_params;
  const char *param_names[WB_ROUTE_MAX_PARAMS];
  const char *param_texts[WB_ROUTE_MAX_PARAMS];
  gint64 param_ids[WB_ROUTE_MAX_PARAMS];
  /* Set by _wb_server_send_cached_page: where _wb_server_send_list keeps the page and the
   * tables it depends on (NULL: every table); the dispatcher frees them. */
  char *page_key;
  char **page_tables;
} WbRequest;

/* The route parameter {@name}: an id ({id}, {…_id}; always a positive integer here) or the
 * text of the segment. */
gint64       _wb_server_route_id           (WbRequest         *request,
                                            const char        *name);
const char  *_wb_server_route_text         (WbRequest         *request,
                                            const char        *name);

/* Responses */
void         _wb_server_send_object        (SoupServerMessage *msg,
                                            guint              status,
                                            JsonObject        *object);
void         _wb_server_send_problem       (SoupServerMessage *msg,
                                            WbProblem         *problem);
void         _wb_server_send_error         (SoupServerMessage *msg,
                                            guint              status,
                                            const char        *title,
                                            const char        *detail);
void         _wb_server_send_field_errors  (SoupServerMessage *msg,
                                            GPtrArray         *errors);
void         _wb_server_send_store_error   (SoupServerMessage *msg,
                                            const GError      *error);
/* A list page as this caller was sent it before, with the same path and query, while the
 * database has not changed since (any write, by any connection, drops it): TRUE when it has
 * been sent. Otherwise FALSE, and the page _wb_server_send_list sends next is kept. Call it
 * once the caller may read the list and its parameters are valid. */
gboolean     _wb_server_send_cached_page   (WbRequest         *request);
/* The same, for a page read from @tables alone (NULL-terminated SQL table names; see
 * wb_store_cache_insert_for): a write to another table leaves it kept. */
gboolean     _wb_server_send_cached_page_of (WbRequest         *request,
                                             const char * const *tables);
/* Frees what _wb_server_send_cached_page left in @request. */
void         _wb_server_request_clear_page (WbRequest         *request);
/* A page of a list: { items, total, page, per_page }. Takes @items. */
void         _wb_server_send_list          (WbRequest         *request,
                                            JsonArray         *items,
                                            gint64             total,
                                            guint              page,
                                            guint              per_page);
void         _wb_server_set_etag           (SoupServerMessage *msg,
                                            JsonObject        *object);
void         _wb_server_deny               (WbRequest         *request);
void         _wb_server_respond_with_record (WbRequest        *request,
                                            WbResource         resource,
                                            gint64             id,
                                            guint              status);

/* Requests */
JsonObject  *_wb_server_parse_body         (WbRequest         *request);
gboolean     _wb_server_parse_id           (const char        *text,
                                            gint64            *id);
gboolean     _wb_server_check_if_match     (WbRequest         *request,
                                            JsonObject        *current,
                                            const char        *missing_detail,
                                            const char        *stale_title,
                                            const char        *stale_detail,
                                            gint64            *version);
gboolean     _wb_server_validate           (WbRequest         *request,
                                            WbResource         resource,
                                            JsonObject        *object,
                                            gboolean           creating);

/* The target of a request, as it came: the path after /api/v1/ split into its segments,
 * each decoded (empty segments dropped; NULL-terminated), and the query string decoded
 * into name -> value (NULL without one). A segment or parameter that holds an encoded
 * slash, a control character, an escape that is not one or text that is not UTF-8, and a
 * parameter given twice, are refused with a 400 @problem, never cut or guessed at. */
char       **_wb_server_split_path         (const char        *raw_path,
                                            WbProblem        **problem);
GHashTable  *_wb_server_parse_query        (const char        *raw_query,
                                            WbProblem        **problem);

/* Query parameters */
const char  *_wb_server_query_param        (WbRequest         *request,
                                            const char        *name);
/* Refuses a parameter not in @known with 400, so that a typo is not silently ignored. */
gboolean     _wb_server_check_query        (WbRequest         *request,
                                            const char * const *known);
/* At most this many ids in a list's ids= parameter. */
#define WB_SERVER_MAX_IDS 100
/* A list's ids=1,2,3 parameter: only those rows, for an app that follows the change feed
 * and reads the rows that changed again. *@ids gets an array of gint64, or NULL when the
 * parameter is not given; answers 400 for anything but 1 to WB_SERVER_MAX_IDS positive
 * whole numbers. */
gboolean     _wb_server_parse_ids          (WbRequest         *request,
                                            GArray           **ids);
/* audit_reads=false leaves the reads of the audit itself out of an audit list (what an
 * audit viewer adds each time it is opened); true, or none, keeps them. Else answers 400. */
gboolean     _wb_server_parse_audit_reads  (WbRequest         *request,
                                            gboolean          *without);
/* A list is paged no further than this many rows from its start. */
#define WB_SERVER_MAX_OFFSET 10000000

/* page (from 1) and per_page (1 to 1000, 50 when not given), with (page - 1) × per_page at
 * most WB_SERVER_MAX_OFFSET; else answers 400. */
gboolean     _wb_server_parse_paging       (WbRequest         *request,
                                            guint             *page,
                                            guint             *per_page);
/* The same from a query table, for a caller without a request. */
gboolean     _wb_server_read_paging        (GHashTable        *query,
                                            guint             *page,
                                            guint             *per_page,
                                            WbProblem        **problem);

/* Scope: how a record relates to the caller */
WbScope      _wb_server_scope_of_organisation (WbRequest      *request,
                                            gint64             organisation_id);
WbScope      _wb_server_scope_of_client    (WbRequest         *request,
                                            JsonObject        *client);
WbScope      _wb_server_scope_of_employer  (WbRequest         *request,
                                            JsonObject        *employer);
WbScope      _wb_server_scope_of_record    (WbRequest         *request,
                                            WbResource         resource,
                                            JsonObject        *object);
int          _wb_server_current_year       (void);

G_END_DECLS
