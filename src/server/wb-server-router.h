/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "wb-server-http.h"

G_BEGIN_DECLS

/* What a resource module declares, and the router that puts the modules together: the
 * combined route table, the record hooks and the change subscribers. See docs/server.md. */

typedef enum {
  WB_ROUTE_READS  = 0,
  WB_ROUTE_WRITES = 1 << 0,  /* changes the store (an audit row counts): runs on the write connection */
  WB_ROUTE_PUBLIC = 1 << 1,  /* answers without authentication; request->caller is unset */
  WB_ROUTE_STREAMS = 1 << 2, /* answers over a long time from the main context, never from a
                              * worker: the change feed; its handler reads the write connection */
} WbRouteFlags;

typedef void (*WbRouteHandler) (WbRequest *request);

struct _WbRoute
{
  const char *method;       /* "GET", "POST", "PATCH", "DELETE" */
  const char *path;         /* "/api/v1/vacancies/{id}/matches": {id} and {…_id} match a positive
                             * integer, any other {name} one segment */
  WbRouteHandler handler;
  WbRouteFlags flags;
};

/* What a module adds to the record routes of one resource (wb-server-records.c). Each hook
 * may be NULL; one that returns FALSE has answered the request, and nothing is written. */
typedef struct {
  WbResource resource;
  /* The first step of a POST of a record: at the top (@parent_id 0) or under its parent. */
  gboolean (*before_create)   (WbRequest  *request,
                               gint64      parent_id);
  /* The first step of a PATCH of record @id. */
  gboolean (*before_update)   (WbRequest  *request,
                               gint64      id);
  /* The last step before a new record is stored, after validation and the policy: may
   * fill in @object. */
  gboolean (*complete_create) (WbRequest  *request,
                               JsonObject *object);
} WbRecordHooks;

/* Called after a write has been committed: record @id of @resource was created or changed
 * (through @store, the write connection), so that indexes, queues and alerts follow. */
typedef void (*WbChangedFunc) (gpointer    module,
                               WbStore    *store,
                               WbResource  resource,
                               gint64      id);

/* A module, as its init function describes it. */
typedef struct {
  const WbRoute *routes;
  guint n_routes;
  const WbRecordHooks *record_hooks;
  guint n_record_hooks;
  WbChangedFunc changed;        /* or NULL */
  /* Or NULL: a write committed by another process (an import, a second server on the same
   * file), seen in the change table (wb-server-follow.c). Follow it in what the module
   * keeps in memory; write nothing that the writer's own server has written already
   * (notifications, history). */
  WbChangedFunc followed;
  /* Its read routes change what they read (the match engine's scratch space and its
   * rebuild on demand): they run one at a time, still beside other modules' reads. Read
   * routes of other modules run at once on several workers and only read the state. */
  gboolean serial_reads;
  /* Its state does not change once its init has returned (a table of routes): its read
   * routes read the store only and need not wait for writes, nor writes for them. */
  gboolean constant_state;
  /* For a module with constant_state, or NULL: the resource a write route of it writes
   * (WB_N_RESOURCES: not known). A write that no other module's state follows (no record
   * hook, no changed function that acts on the resource) then runs without the gate, and
   * need not wait for other modules' read routes (a ranking) to leave. */
  WbResource (*resource_of) (WbRequest *request);
  /* The resources its changed and followed functions act on, as bits (1 << resource); 0:
   * every resource. They are called for those only. */
  guint64 changed_resources;
  gpointer state;               /* request->module in its handlers and hooks, or NULL */
  GDestroyNotify free_state;
} WbServerModule;

/* Every module exports one of these, _wb_server_NAME_init in wb-server-NAME.c, and is listed
 * in src/server/meson.build. @store is the write connection, for what the module loads at
 * start; handlers use request->store. */
typedef void (*WbServerModuleInit) (WbServerModule *module,
                                    WbStore        *store);

/* For modules: the record hooks (wb-server-records.c runs them) and the notification of a
 * committed write to every subscriber. */
gboolean     _wb_server_before_create      (WbRequest         *request,
                                            WbResource         resource,
                                            gint64             parent_id);
gboolean     _wb_server_before_update      (WbRequest         *request,
                                            WbResource         resource,
                                            gint64             id);
gboolean     _wb_server_complete_create    (WbRequest         *request,
                                            WbResource         resource,
                                            JsonObject        *object);
void         _wb_server_changed            (WbRequest         *request,
                                            WbResource         resource,
                                            gint64             id);

/* For the follower of the change table: tells every module's followed function. */
void         _wb_router_follow             (WbRouter          *router,
                                            WbStore           *store,
                                            WbResource         resource,
                                            gint64             id);

/* For the dispatch in wb-server.c */
typedef enum {
  WB_ROUTER_FOUND,
  WB_ROUTER_NO_METHOD,  /* the path is known, the method not: 405 */
  WB_ROUTER_NOT_FOUND,
} WbRouterMatch;

WbRouter    *_wb_router_new                (void);
void         _wb_router_free               (WbRouter          *router);
/* Takes the module's state. */
void         _wb_router_add_module         (WbRouter          *router,
                                            const WbServerModule *module);
/* Finds the route of @request's method and segments and fills in its route, module and
 * parameters. On WB_ROUTER_NO_METHOD, @allow gets the methods the path has ("GET, POST")
 * and @public_path whether one of them answers without authentication. */
WbRouterMatch _wb_router_match             (WbRouter          *router,
                                            WbRequest         *request,
                                            char             **allow,
                                            gboolean          *public_path);

/* Whether the write route of @request must run alone in the gate: FALSE for one of a
 * module with constant_state whose resource no other module's state follows. */
gboolean     _wb_router_write_needs_gate   (WbRouter          *router,
                                            WbRequest         *request);
/* Runs @request's handler (the route _wb_router_match found) under the gate that guards
 * the modules' state: a read route beside others, on any thread; a write route alone, on
 * the main thread, as a followed change is (unless _wb_router_write_needs_gate says no). */
void         _wb_router_run                (WbRouter          *router,
                                            WbRequest         *request);
/* The write side of the gate, for the main thread; it may be taken again while held. */
void         _wb_router_lock_write         (WbRouter          *router);
void         _wb_router_unlock_write       (WbRouter          *router);
/* The same without waiting: FALSE when readers are in (or a writer waits to be told). */
gboolean     _wb_router_try_lock_write     (WbRouter          *router);
/* For a writer that does not wait: new readers hold back from now on, and @func runs on
 * @context once the readers in have left; it takes the gate with _wb_router_lock_write_told
 * (and lets it go with _wb_router_unlock_write). One at a time. */
void         _wb_router_when_free          (WbRouter          *router,
                                            GMainContext      *context,
                                            GSourceFunc        func,
                                            gpointer           data);
void         _wb_router_lock_write_told    (WbRouter          *router);

/* Calls @func for every route of the combined table, path by path in the order they were
 * added: what `werkbrug-server describe` lists for the API's contract. */
void         _wb_router_foreach_route      (WbRouter          *router,
                                            void             (*func) (const WbRoute *route,
                                                                      gpointer       user_data),
                                            gpointer           user_data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WbRouter, _wb_router_free)

G_END_DECLS
