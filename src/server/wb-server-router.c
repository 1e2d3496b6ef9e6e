/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-server-router"

#include "config.h"

#include <string.h>

#include "wb-server-router.h"

/* One path of the combined table, with a route per method. */
typedef struct {
  char *pattern;       /* as the routes spell it */
  char **segments;     /* after /api/v1/; a placeholder keeps its braces */
  char **names;        /* per segment, the placeholder's name without braces, or NULL */
  guint n_segments;
  guint64 rank;        /* a bit per literal segment, the first the highest: the most literal path wins */
  GArray *routes;      /* of Entry */
} Path;

typedef struct {
  const WbRoute *route;
  gpointer module;
} Entry;

typedef struct {
  const WbRecordHooks *hooks;
  gpointer module;
} Hooks;

typedef struct {
  WbChangedFunc func;
  WbChangedFunc followed;
  gpointer module;
  guint64 resources;   /* bits of the resources it acts on; 0: every one */
} Subscriber;

typedef struct {
  gpointer state;
  GDestroyNotify free_state;
} State;

/* What guards the modules' state once reads run on several workers: any number of read
 * routes at once, or one writer (a write route, a change followed) alone. A writer waiting
 * holds back new readers, so that a stream of reads cannot starve a write; the writer, the
 * main thread, may enter again while it holds the gate. */
typedef struct {
  GMutex mutex;
  GCond cond;
  guint readers;
  guint writers_waiting;
  GThread *writer;
  guint writer_depth;
  /* A writer that does not wait for the readers: told when the last one has left. */
  GSource *when_free;
  GMainContext *when_free_context;
} Gate;

struct _WbRouter
{
  GPtrArray *paths;         /* of Path */
  GArray *hooks;            /* of Hooks */
  GArray *subscribers;      /* of Subscriber */
  GArray *states;           /* of State */
  Gate gate;
  GHashTable *serial;       /* const WbRoute * -> GMutex * of its module, for serial_reads */
  GHashTable *ungated;      /* const WbRoute * of modules with constant_state */
  GPtrArray *mutexes;       /* of GMutex *, one per module with serial_reads */
  GHashTable *resource_of;  /* const WbRoute * -> its module's resource_of, for constant_state */
  /* Per resource: a module whose read routes run on the workers under the gate has a
   * record hook for it or follows its changes, so that a write of it must run alone. */
  gboolean followed[WB_N_RESOURCES];
};

#define API_PREFIX "/api/v1/"

/* The resources a module follows are bits of a guint64. */
G_STATIC_ASSERT (WB_N_RESOURCES <= 64);

static void
path_free (Path *path)
{
  g_free (path->pattern);
  for (guint i = 0; i < path->n_segments; i++)
    g_free (path->names[i]);
  g_free (path->names);
  g_strfreev (path->segments);
  g_array_unref (path->routes);
  g_free (path);
}

static gboolean
is_placeholder (const char *segment)
{
  return segment[0] == '{';
}

/* {id} and {…_id} are ids: a positive integer, or the path is not this one. */
static gboolean
is_id_placeholder (const char *segment)
{
  return strcmp (segment, "{id}") == 0 || g_str_has_suffix (segment, "_id}");
}

/* The path with each placeholder as {}: two paths of one shape would match the same requests. */
static char *
shape_of (char **segments)
{
  GString *shape = g_string_new (NULL);

  for (guint i = 0; segments[i] != NULL; i++)
    g_string_append_printf (shape, "/%s", is_placeholder (segments[i]) ? "{}" : segments[i]);
  return g_string_free (shape, FALSE);
}

static Path *
find_or_add_path (WbRouter   *self,
                  const char *pattern)
{
  g_auto(GStrv) segments = NULL;
  g_autofree char *shape = NULL;
  Path *path;

  for (guint i = 0; i < self->paths->len; i++)
    {
      path = self->paths->pdata[i];
      if (strcmp (path->pattern, pattern) == 0)
        return path;
    }

  segments = g_strsplit (pattern + strlen (API_PREFIX), "/", -1);
  shape = shape_of (segments);
  for (guint i = 0; i < self->paths->len; i++)
    {
      g_autofree char *other = shape_of (((Path *) self->paths->pdata[i])->segments);

      if (strcmp (shape, other) == 0)
        g_critical ("The routes %s and %s match the same requests", pattern, ((Path *) self->paths->pdata[i])->pattern);
    }

  path = g_new0 (Path, 1);
  path->pattern = g_strdup (pattern);
  path->segments = g_steal_pointer (&segments);
  path->n_segments = g_strv_length (path->segments);
  path->names = g_new0 (char *, path->n_segments);
  for (guint i = 0; i < path->n_segments; i++)
    if (is_placeholder (path->segments[i]))
      path->names[i] = g_strndup (path->segments[i] + 1, strlen (path->segments[i]) - 2);
    else
      path->rank |= G_GUINT64_CONSTANT (1) << (path->n_segments - 1 - i);
  path->routes = g_array_new (FALSE, FALSE, sizeof (Entry));
  g_ptr_array_add (self->paths, path);
  return path;
}

static void
add_route (WbRouter      *self,
           const WbRoute *route,
           gpointer       module)
{
  Entry entry = { route, module };
  Path *path;

  g_return_if_fail (route->method != NULL && route->path != NULL && route->handler != NULL);
  g_return_if_fail (g_str_has_prefix (route->path, API_PREFIX));

  /* A route that is not a read changes something; the flag says where it may run. */
  if (strcmp (route->method, "GET") != 0 && !(route->flags & WB_ROUTE_WRITES))
    g_critical ("The route %s %s is not a GET and not marked WB_ROUTE_WRITES", route->method, route->path);

  path = find_or_add_path (self, route->path);
  for (guint i = 0; i < path->routes->len; i++)
    if (strcmp (g_array_index (path->routes, Entry, i).route->method, route->method) == 0)
      {
        g_critical ("The route %s %s is declared twice", route->method, route->path);
        return;
      }
  g_array_append_val (path->routes, entry);
}

static void
mutex_free (gpointer data)
{
  g_mutex_clear (data);
  g_free (data);
}

WbRouter *
_wb_router_new (void)
{
  WbRouter *self = g_new0 (WbRouter, 1);

  self->paths = g_ptr_array_new_with_free_func ((GDestroyNotify) path_free);
  self->hooks = g_array_new (FALSE, FALSE, sizeof (Hooks));
  self->subscribers = g_array_new (FALSE, FALSE, sizeof (Subscriber));
  self->states = g_array_new (FALSE, FALSE, sizeof (State));
  self->serial = g_hash_table_new (NULL, NULL);
  self->ungated = g_hash_table_new (NULL, NULL);
  self->mutexes = g_ptr_array_new_with_free_func (mutex_free);
  self->resource_of = g_hash_table_new (NULL, NULL);
  g_mutex_init (&self->gate.mutex);
  g_cond_init (&self->gate.cond);
  return self;
}

void
_wb_router_free (WbRouter *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->paths, g_ptr_array_unref);
  g_clear_pointer (&self->hooks, g_array_unref);
  g_clear_pointer (&self->subscribers, g_array_unref);
  /* The last module first, as it may lean on those before it. */
  for (guint i = self->states->len; i > 0; i--)
    {
      State *state = &g_array_index (self->states, State, i - 1);

      if (state->free_state != NULL)
        state->free_state (state->state);
    }
  g_clear_pointer (&self->states, g_array_unref);
  g_clear_pointer (&self->serial, g_hash_table_unref);
  g_clear_pointer (&self->ungated, g_hash_table_unref);
  g_clear_pointer (&self->mutexes, g_ptr_array_unref);
  g_clear_pointer (&self->resource_of, g_hash_table_unref);
  if (self->gate.when_free != NULL)
    g_source_unref (self->gate.when_free);
  g_clear_pointer (&self->gate.when_free_context, g_main_context_unref);
  g_mutex_clear (&self->gate.mutex);
  g_cond_clear (&self->gate.cond);
  g_free (self);
}

void
_wb_router_add_module (WbRouter             *self,
                       const WbServerModule *module)
{
  State state = { module->state, module->free_state };
  GMutex *serial = NULL;
  gboolean gated_reads = FALSE;

  if (module->serial_reads)
    {
      serial = g_new0 (GMutex, 1);
      g_mutex_init (serial);
      g_ptr_array_add (self->mutexes, serial);
    }
  for (guint i = 0; i < module->n_routes; i++)
    {
      add_route (self, &module->routes[i], module->state);
      if (serial != NULL)
        g_hash_table_insert (self->serial, (gpointer) &module->routes[i], serial);
      if (module->constant_state)
        g_hash_table_add (self->ungated, (gpointer) &module->routes[i]);
      if (module->constant_state && module->resource_of != NULL)
        g_hash_table_insert (self->resource_of, (gpointer) &module->routes[i], module->resource_of);
      /* Read routes that run on the workers, in the gate: writes must not change this
       * module's state under them. A module read only from the main context (a stream)
       * sees no write at the same time. */
      if (!module->constant_state && !(module->routes[i].flags & (WB_ROUTE_WRITES | WB_ROUTE_STREAMS)))
        gated_reads = TRUE;
    }
  for (guint i = 0; i < module->n_record_hooks; i++)
    {
      Hooks hooks = { &module->record_hooks[i], module->state };

      g_array_append_val (self->hooks, hooks);
      if (gated_reads)
        self->followed[module->record_hooks[i].resource] = TRUE;
    }
  if (module->changed != NULL || module->followed != NULL)
    {
      Subscriber subscriber = { module->changed, module->followed, module->state, module->changed_resources };

      g_array_append_val (self->subscribers, subscriber);
      for (guint r = 0; gated_reads && r < WB_N_RESOURCES; r++)
        if (module->changed_resources == 0 || (module->changed_resources & (G_GUINT64_CONSTANT (1) << r)))
          self->followed[r] = TRUE;
    }
  g_array_append_val (self->states, state);
}

void
_wb_router_foreach_route (WbRouter  *self,
                          void     (*func) (const WbRoute *route,
                                            gpointer       user_data),
                          gpointer   user_data)
{
  for (guint i = 0; i < self->paths->len; i++)
    {
      const Path *path = self->paths->pdata[i];

      for (guint j = 0; j < path->routes->len; j++)
        func (g_array_index (path->routes, Entry, j).route, user_data);
    }
}

static gboolean
path_matches (const Path *path,
              WbRequest  *request)
{
  gint64 id;

  if (path->n_segments != request->n_segments)
    return FALSE;
  for (guint i = 0; i < path->n_segments; i++)
    {
      const char *segment = path->segments[i];

      if (!is_placeholder (segment))
        {
          if (strcmp (segment, request->segments[i]) != 0)
            return FALSE;
        }
      else if (is_id_placeholder (segment) && !_wb_server_parse_id (request->segments[i], &id))
        return FALSE;
    }
  return TRUE;
}

/* Route parameters point into the path's names and the request's segments. */
static void
read_params (const Path *path,
             WbRequest  *request)
{
  request->n_params = 0;
  for (guint i = 0; i < path->n_segments; i++)
    {
      const char *segment = path->segments[i];
      guint k = request->n_params;

      if (!is_placeholder (segment))
        continue;
      g_assert (k < WB_ROUTE_MAX_PARAMS);
      request->param_names[k] = path->names[i];
      request->param_texts[k] = request->segments[i];
      request->param_ids[k] = 0;
      if (is_id_placeholder (segment))
        _wb_server_parse_id (request->segments[i], &request->param_ids[k]);
      request->n_params++;
    }
}

WbRouterMatch
_wb_router_match (WbRouter   *self,
                  WbRequest  *request,
                  char      **allow,
                  gboolean   *public_path)
{
  const Path *best = NULL;
  g_autoptr(GString) methods = NULL;

  for (guint i = 0; i < self->paths->len; i++)
    {
      const Path *path = self->paths->pdata[i];

      if ((best == NULL || path->rank > best->rank) && path_matches (path, request))
        best = path;
    }
  if (best == NULL)
    return WB_ROUTER_NOT_FOUND;

  request->router = self;
  for (guint i = 0; i < best->routes->len; i++)
    {
      const Entry *entry = &g_array_index (best->routes, Entry, i);

      if (strcmp (entry->route->method, request->method) == 0)
        {
          request->route = entry->route;
          request->module = entry->module;
          read_params (best, request);
          return WB_ROUTER_FOUND;
        }
    }

  methods = g_string_new (NULL);
  *public_path = FALSE;
  for (guint i = 0; i < best->routes->len; i++)
    {
      const Entry *entry = &g_array_index (best->routes, Entry, i);

      g_string_append_printf (methods, "%s%s", i > 0 ? ", " : "", entry->route->method);
      *public_path |= (entry->route->flags & WB_ROUTE_PUBLIC) != 0;
    }
  *allow = g_string_free (g_steal_pointer (&methods), FALSE);
  return WB_ROUTER_NO_METHOD;
}

/* For the modules */

typedef enum {
  BEFORE_CREATE,
  BEFORE_UPDATE,
  COMPLETE_CREATE,
} HookKind;

static gboolean
run_hooks (WbRequest  *request,
           WbResource  resource,
           HookKind    kind,
           gint64      id,
           JsonObject *object)
{
  gpointer module = request->module;
  gboolean go_on = TRUE;

  for (guint i = 0; go_on && i < request->router->hooks->len; i++)
    {
      const Hooks *hooks = &g_array_index (request->router->hooks, Hooks, i);

      if (hooks->hooks->resource != resource)
        continue;
      /* A module's code finds its state in request->module, in a hook as in a handler. */
      request->module = hooks->module;
      if (kind == BEFORE_CREATE && hooks->hooks->before_create != NULL)
        go_on = hooks->hooks->before_create (request, id);
      else if (kind == BEFORE_UPDATE && hooks->hooks->before_update != NULL)
        go_on = hooks->hooks->before_update (request, id);
      else if (kind == COMPLETE_CREATE && hooks->hooks->complete_create != NULL)
        go_on = hooks->hooks->complete_create (request, object);
    }
  request->module = module;
  return go_on;
}

gboolean
_wb_server_before_create (WbRequest  *request,
                          WbResource  resource,
                          gint64      parent_id)
{
  return run_hooks (request, resource, BEFORE_CREATE, parent_id, NULL);
}

gboolean
_wb_server_before_update (WbRequest  *request,
                          WbResource  resource,
                          gint64      id)
{
  return run_hooks (request, resource, BEFORE_UPDATE, id, NULL);
}

gboolean
_wb_server_complete_create (WbRequest  *request,
                            WbResource  resource,
                            JsonObject *object)
{
  return run_hooks (request, resource, COMPLETE_CREATE, 0, object);
}

static gboolean
acts_on (const Subscriber *subscriber,
         WbResource        resource)
{
  return subscriber->resources == 0 || (subscriber->resources & (G_GUINT64_CONSTANT (1) << resource));
}

void
_wb_server_changed (WbRequest  *request,
                    WbResource  resource,
                    gint64      id)
{
  for (guint i = 0; i < request->router->subscribers->len; i++)
    {
      const Subscriber *subscriber = &g_array_index (request->router->subscribers, Subscriber, i);

      if (subscriber->func != NULL && acts_on (subscriber, resource))
        subscriber->func (subscriber->module, request->store, resource, id);
    }
}

void
_wb_router_follow (WbRouter   *router,
                   WbStore    *store,
                   WbResource  resource,
                   gint64      id)
{
  /* The modules change their state: no read route may look at it meanwhile. */
  _wb_router_lock_write (router);
  for (guint i = 0; i < router->subscribers->len; i++)
    {
      const Subscriber *subscriber = &g_array_index (router->subscribers, Subscriber, i);

      if (subscriber->followed != NULL && acts_on (subscriber, resource))
        subscriber->followed (subscriber->module, store, resource, id);
    }
  _wb_router_unlock_write (router);
}

/* The gate */

void
_wb_router_lock_write (WbRouter *self)
{
  Gate *gate = &self->gate;

  g_mutex_lock (&gate->mutex);
  if (gate->writer == g_thread_self ())
    {
      gate->writer_depth++;
      g_mutex_unlock (&gate->mutex);
      return;
    }
  gate->writers_waiting++;
  while (gate->writer != NULL || gate->readers > 0)
    g_cond_wait (&gate->cond, &gate->mutex);
  gate->writers_waiting--;
  gate->writer = g_thread_self ();
  gate->writer_depth = 1;
  g_mutex_unlock (&gate->mutex);
}

/* Under the gate's mutex: the writer that asked is told, on its context. */
static void
tell_when_free (Gate *gate)
{
  if (gate->when_free != NULL && gate->readers == 0 && gate->writer == NULL)
    {
      g_source_attach (gate->when_free, gate->when_free_context);
      g_clear_pointer (&gate->when_free, g_source_unref);
      g_clear_pointer (&gate->when_free_context, g_main_context_unref);
    }
}

gboolean
_wb_router_try_lock_write (WbRouter *self)
{
  Gate *gate = &self->gate;
  gboolean taken = FALSE;

  g_mutex_lock (&gate->mutex);
  if (gate->writer == g_thread_self ())
    {
      gate->writer_depth++;
      taken = TRUE;
    }
  else if (gate->writer == NULL && gate->readers == 0 && gate->when_free == NULL)
    {
      gate->writer = g_thread_self ();
      gate->writer_depth = 1;
      taken = TRUE;
    }
  g_mutex_unlock (&gate->mutex);
  return taken;
}

void
_wb_router_when_free (WbRouter     *self,
                      GMainContext *context,
                      GSourceFunc   func,
                      gpointer      data)
{
  Gate *gate = &self->gate;

  g_mutex_lock (&gate->mutex);
  g_return_if_fail (gate->when_free == NULL);
  /* Counted as a writer waiting, so that new readers hold back until it has run. */
  gate->writers_waiting++;
  gate->when_free = g_idle_source_new ();
  g_source_set_priority (gate->when_free, G_PRIORITY_DEFAULT);
  g_source_set_callback (gate->when_free, func, data, NULL);
  gate->when_free_context = g_main_context_ref (context);
  tell_when_free (gate);
  g_mutex_unlock (&gate->mutex);
}

void
_wb_router_lock_write_told (WbRouter *self)
{
  Gate *gate = &self->gate;

  g_mutex_lock (&gate->mutex);
  /* No reader came in since the telling (the writer was counted as waiting); another
   * writer on this thread may have held the gate in between, and let it go. */
  while (gate->writer != NULL || gate->readers > 0)
    g_cond_wait (&gate->cond, &gate->mutex);
  gate->writers_waiting--;
  gate->writer = g_thread_self ();
  gate->writer_depth = 1;
  g_mutex_unlock (&gate->mutex);
}

void
_wb_router_unlock_write (WbRouter *self)
{
  Gate *gate = &self->gate;

  g_mutex_lock (&gate->mutex);
  g_assert (gate->writer == g_thread_self ());
  if (--gate->writer_depth == 0)
    {
      gate->writer = NULL;
      g_cond_broadcast (&gate->cond);
      tell_when_free (gate);
    }
  g_mutex_unlock (&gate->mutex);
}

static void
lock_read (Gate *gate)
{
  g_mutex_lock (&gate->mutex);
  /* The writer itself reads freely (a read route run on the main thread). */
  if (gate->writer != g_thread_self ())
    while (gate->writer != NULL || gate->writers_waiting > 0)
      g_cond_wait (&gate->cond, &gate->mutex);
  gate->readers++;
  g_mutex_unlock (&gate->mutex);
}

static void
unlock_read (Gate *gate)
{
  g_mutex_lock (&gate->mutex);
  if (--gate->readers == 0)
    {
      g_cond_broadcast (&gate->cond);
      tell_when_free (gate);
    }
  g_mutex_unlock (&gate->mutex);
}

gboolean
_wb_router_write_needs_gate (WbRouter  *self,
                             WbRequest *request)
{
  WbResource (*resource_of) (WbRequest *request) = g_hash_table_lookup (self->resource_of, request->route);
  WbResource resource;

  if (resource_of == NULL)
    return TRUE;
  resource = resource_of (request);
  return resource >= WB_N_RESOURCES || self->followed[resource];
}

void
_wb_router_run (WbRouter  *self,
                WbRequest *request)
{
  GMutex *serial;

  if (request->route->flags & WB_ROUTE_WRITES)
    {
      gboolean gated = _wb_router_write_needs_gate (self, request);

      if (gated)
        _wb_router_lock_write (self);
      request->route->handler (request);
      if (gated)
        _wb_router_unlock_write (self);
      return;
    }

  /* A module whose state never changes reads the store alone: no gate. */
  if (g_hash_table_contains (self->ungated, request->route))
    {
      request->route->handler (request);
      return;
    }

  serial = g_hash_table_lookup (self->serial, request->route);
  lock_read (&self->gate);
  if (serial != NULL)
    g_mutex_lock (serial);
  request->route->handler (request);
  if (serial != NULL)
    g_mutex_unlock (serial);
  unlock_read (&self->gate);
}
