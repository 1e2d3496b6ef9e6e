/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-server"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "wb-server-auth.h"
#include "wb-server-durable.h"
#include "wb-server-follow.h"
#include "wb-server-guard.h"
#include "wb-server-modules.h"

/* The server core: it listens, authenticates, and dispatches each request through the
 * combined route table of the modules listed in meson.build. It names no module; see
 * docs/server.md for how a module is added.
 *
 * Write routes run on the main context, one after another, on the store the server was
 * given. Read routes run on a small pool of worker threads, each with a read-only
 * connection of its own (SQLite in WAL mode lets them read while the writer writes): the
 * message is paused, a worker answers it, and it is unpaused on the main context. The
 * router's gate keeps the modules' state still while reads look at it. The answer of a
 * route that wrote waits until what it committed is on disk, flushed with the other writes
 * of the moment (wb-server-durable.c). */

#define WB_SERVER_READERS 4

typedef struct {
  WbServer *server;
  WbStore *store;       /* read-only */
  GThread *thread;
} Reader;

/* A read request handed to the pool: the request, and what its pointers point into. */
typedef struct {
  WbRequest request;
  char **segments;
  GHashTable *parameters;
  gboolean authenticate;  /* who asks is found on the worker, from its connection */
} Job;

struct _WbServer
{
  GObject parent_instance;

  WbStore *store;
  SoupServer *soup;
  WbRouter *router;
  WbFollower *follower;  /* what other processes write to the store */
  WbDurable *durable;    /* flushes the writes' log in groups; NULL: each commit is flushed */
  gint64 session_seconds;
  WbThrottleConfig signin;

  GMainContext *context; /* where requests come in and answers go out */
  GAsyncQueue *jobs;     /* of Job, for the readers; NULL: every route runs on the main context */
  Reader readers[WB_SERVER_READERS];
  guint n_readers;
  /* Of Job: write routes that came while read routes were in the gate, in order. They wait
   * paused, not the main context, which goes on dispatching. */
  GQueue writes;
};

/* Tells a reader to end. */
static Job stop_job;

G_DEFINE_FINAL_TYPE (WbServer, wb_server, G_TYPE_OBJECT)

static const WbServerModuleInit modules[] = { WB_SERVER_MODULES };

static void
job_free (Job *job)
{
  _wb_server_request_clear_page (&job->request);
  g_strfreev (job->segments);
  g_clear_pointer (&job->parameters, g_hash_table_unref);
  g_object_unref (job->request.msg);
  g_object_unref (job->request.server);
  g_free (job);
}

/* On the main context: the worker has answered. */
static gboolean
send_answer_cb (gpointer data)
{
  Job *job = data;

  soup_server_message_unpause (job->request.msg);
  job_free (job);
  return G_SOURCE_REMOVE;
}

static gpointer
reader_thread (gpointer data)
{
  Reader *reader = data;
  GAsyncQueue *jobs = g_async_queue_ref (reader->server->jobs);
  Job *job;

  /* A connection reads the schema (some 600 entries) on its first statement: here, while
   * the server starts listening, rather than in the first requests it answers ("who am I"
   * and the session's lookups come first, each to a reader of its own). */
  wb_store_count (reader->store, "users");
  while ((job = g_async_queue_pop (jobs)) != &stop_job)
    {
      GSource *source;

      job->request.store = reader->store;
      if (!job->authenticate || _wb_server_authenticate (&job->request))
        _wb_router_run (job->request.router, &job->request);

      source = g_idle_source_new ();
      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_set_callback (source, send_answer_cb, job, NULL);
      g_source_attach (source, reader->server->context);
      g_source_unref (source);
    }
  g_async_queue_unref (jobs);
  return NULL;
}

static void
start_readers (WbServer *self)
{
  const char *path = wb_store_get_path (self->store);
  const char *wanted = g_getenv ("WB_SERVER_READERS");
  guint64 n = WB_SERVER_READERS;

  /* WB_SERVER_READERS=0 runs every route on the main context, as before the pool: for
   * finding out whether a fault is the pool's. */
  if (wanted != NULL && !g_ascii_string_to_unsigned (wanted, 10, 0, WB_SERVER_READERS, &n, NULL))
    n = WB_SERVER_READERS;
  if (n == 0 || g_str_equal (path, ":memory:") || path[0] == '\0')
    return;
  self->jobs = g_async_queue_new ();
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      Reader *reader = &self->readers[self->n_readers];

      reader->store = wb_store_open_readonly (path, &error);
      if (reader->store == NULL)
        {
          g_warning ("A read worker cannot open %s: %s", path, error->message);
          break;
        }
      reader->server = self;
      reader->thread = g_thread_new ("wb-reader", reader_thread, reader);
      self->n_readers++;
    }
  if (self->n_readers == 0)
    g_clear_pointer (&self->jobs, g_async_queue_unref);
}

static void
stop_readers (WbServer *self)
{
  for (guint i = 0; i < self->n_readers; i++)
    g_async_queue_push (self->jobs, &stop_job);
  for (guint i = 0; i < self->n_readers; i++)
    {
      g_thread_join (self->readers[i].thread);
      g_clear_object (&self->readers[i].store);
    }
  self->n_readers = 0;
  g_clear_pointer (&self->jobs, g_async_queue_unref);
}

/* A request to answer later, with what its pointers point into; the message waits, paused. */
static Job *
job_new (WbServer     *self,
         WbRequest    *request,
         gboolean      authenticate,
         char       ***segments,
         GHashTable  **parameters)
{
  Job *job = g_new0 (Job, 1);

  job->request = *request;
  job->authenticate = authenticate;
  job->segments = g_steal_pointer (segments);
  job->parameters = g_steal_pointer (parameters);
  job->request.msg = g_object_ref (request->msg);
  job->request.server = g_object_ref (self);
  soup_server_message_pause (job->request.msg);
  return job;
}

/* Hands a read request to the pool. */
static void
dispatch_to_reader (WbServer     *self,
                    WbRequest    *request,
                    gboolean      authenticate,
                    char       ***segments,
                    GHashTable  **parameters)
{
  g_async_queue_push (self->jobs, job_new (self, request, authenticate, segments, parameters));
}

/* Runs a route found for @request on the main context. What a write route committed is
 * answered once it is on disk (wb-server-durable.c); a route that was waiting, paused, is
 * let go otherwise, unless its handler answers later itself (a password hashed on a
 * thread: no status set yet). */
static void
run_route (WbServer  *self,
           WbRequest *request,
           gboolean   paused)
{
  gint64 changes = wb_store_get_total_changes (self->store);
  gboolean answered;

  _wb_router_run (self->router, request);
  _wb_server_request_clear_page (request);
  answered = soup_server_message_get_status (request->msg) != 0;
  if (self->durable != NULL && answered && wb_store_get_total_changes (self->store) != changes)
    _wb_server_durable_hold (self->durable, request->msg);
  else if (paused && answered)
    soup_server_message_unpause (request->msg);
}

/* On the main context, once the read routes in the gate have left: the writes that waited,
 * in the order they came, under one hold of the gate. */
static gboolean
run_waiting_writes_cb (gpointer data)
{
  WbServer *self = data;
  Job *job;

  _wb_router_lock_write_told (self->router);
  while ((job = g_queue_pop_head (&self->writes)) != NULL)
    {
      run_route (self, &job->request, TRUE);
      job_free (job);
    }
  _wb_router_unlock_write (self->router);
  return G_SOURCE_REMOVE;
}

static void
wb_server_finalize (GObject *object)
{
  WbServer *self = (WbServer *) object;

  /* Every job holds the server: none is left when it goes. */
  stop_readers (self);
  g_assert (g_queue_is_empty (&self->writes));

  g_clear_pointer (&self->durable, _wb_server_durable_free);
  if (self->soup != NULL)
    soup_server_disconnect (self->soup);
  g_clear_object (&self->soup);
  g_clear_pointer (&self->follower, _wb_server_follower_free);
  g_clear_pointer (&self->router, _wb_router_free);
  g_clear_object (&self->store);
  g_clear_pointer (&self->context, g_main_context_unref);

  G_OBJECT_CLASS (wb_server_parent_class)->finalize (object);
}

static void
wb_server_class_init (WbServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = wb_server_finalize;
}

static void
wb_server_init (WbServer *self)
{
  self->session_seconds = 12 * 60 * 60;
  self->signin = (WbThrottleConfig) WB_THROTTLE_CONFIG_DEFAULT;
}

static void
on_request_cb (SoupServer        *soup,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  WbServer *self = user_data;
  g_auto(GStrv) segments = NULL;
  g_autoptr(GHashTable) parameters = NULL;
  g_autoptr(WbProblem) problem = NULL;
  g_autofree char *allow = NULL;
  WbRequest request = { .server = self, .msg = msg, .store = self->store };
  WbRouterMatch match;
  gboolean public_path = FALSE;
  gboolean gated;

  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Cache-Control", "no-store");

  if (!g_str_has_prefix (path, "/api/v1/"))
    {
      _wb_server_send_error (msg, SOUP_STATUS_NOT_FOUND, _("Not found"), _("The API lives under /api/v1/."));
      return;
    }

  /* The path as it came (raw-paths) and the query string as it came, decoded here where
   * nothing is cut silently; libsoup's decoded query table is not used. */
  segments = _wb_server_split_path (path + strlen ("/api/v1/"), &problem);
  if (segments != NULL)
    parameters = _wb_server_parse_query (g_uri_get_query (soup_server_message_get_uri (msg)), &problem);
  if (problem != NULL)
    {
      _wb_server_send_problem (msg, problem);
      return;
    }

  request.method = soup_server_message_get_method (msg);
  request.segments = segments;
  request.n_segments = g_strv_length (segments);
  request.query = parameters;

  if (request.n_segments == 0)
    {
      _wb_server_send_error (msg, SOUP_STATUS_NOT_FOUND, _("Not found"), NULL);
      return;
    }

  /* Who asks comes first, also for a path that does not exist, so that an unauthenticated
   * caller learns nothing of the API but its public routes. */
  match = _wb_router_match (self->router, &request, &allow, &public_path);

  /* Reads go to the pool; writes and streams stay here, a stream since it answers from the
   * main context for as long as the client listens. A read is authenticated on its worker,
   * from the worker's connection, so that the main context only dispatches. */
  if (match == WB_ROUTER_FOUND && self->jobs != NULL &&
      !(request.route->flags & (WB_ROUTE_WRITES | WB_ROUTE_STREAMS)))
    {
      dispatch_to_reader (self, &request, !(request.route->flags & WB_ROUTE_PUBLIC), &segments, &parameters);
      return;
    }

  if (!(match == WB_ROUTER_FOUND && (request.route->flags & WB_ROUTE_PUBLIC)) &&
      !(match == WB_ROUTER_NO_METHOD && public_path) &&
      !_wb_server_authenticate (&request))
    return;

  switch (match)
    {
    case WB_ROUTER_FOUND:
      /* A write that must run alone waits for the read routes in the gate (a ranking)
       * without holding up the main context: it is kept, paused, and run when they have
       * left, after those that waited before it. */
      gated = (request.route->flags & WB_ROUTE_WRITES) && _wb_router_write_needs_gate (self->router, &request);
      if (gated && (!g_queue_is_empty (&self->writes) || !_wb_router_try_lock_write (self->router)))
        {
          if (g_queue_is_empty (&self->writes))
            _wb_router_when_free (self->router, self->context, run_waiting_writes_cb, self);
          g_queue_push_tail (&self->writes, job_new (self, &request, FALSE, &segments, &parameters));
          return;
        }
      run_route (self, &request, FALSE);
      if (gated)
        _wb_router_unlock_write (self->router);
      break;
    case WB_ROUTER_NO_METHOD:
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow", allow);
      _wb_server_send_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, _("Method not allowed"), NULL);
      break;
    case WB_ROUTER_NOT_FOUND:
    default:
      _wb_server_send_error (msg, SOUP_STATUS_NOT_FOUND, _("Not found"), _("There is no such resource in API v1."));
      break;
    }
}

WbServer *
wb_server_new (WbStore *store)
{
  WbServer *self;

  g_return_val_if_fail (WB_IS_STORE (store), NULL);

  self = g_object_new (WB_TYPE_SERVER, NULL);
  self->store = g_object_ref (store);
  self->router = _wb_router_new ();
  for (guint i = 0; i < G_N_ELEMENTS (modules); i++)
    {
      WbServerModule module = { 0 };

      modules[i] (&module, store);
      _wb_router_add_module (self->router, &module);
    }
  self->follower = _wb_server_follower_new (self->router, store);
  self->context = g_main_context_ref_thread_default ();
  start_readers (self);
  return self;
}

gboolean
wb_server_listen (WbServer         *self,
                  const char       *address,
                  GTlsCertificate  *certificate,
                  GError          **error)
{
  g_autoptr(GSocketConnectable) connectable = NULL;
  g_autoptr(GSocketAddressEnumerator) enumerator = NULL;
  g_autoptr(GSocketAddress) socket_address = NULL;
  SoupServerListenOptions options = 0;

  g_return_val_if_fail (WB_IS_SERVER (self), FALSE);
  g_return_val_if_fail (address != NULL, FALSE);

  connectable = g_network_address_parse (address, 0, error);
  if (connectable == NULL)
    return FALSE;
  enumerator = g_socket_connectable_enumerate (connectable);
  socket_address = g_socket_address_enumerator_next (enumerator, NULL, error);
  if (socket_address == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("%s is not an address to listen on"), address);
      return FALSE;
    }

  /* Further addresses share the server, its certificate and its modules' state. */
  if (self->soup == NULL)
    {
      self->soup = soup_server_new ("server-header", "werkbrug-server/" PACKAGE_VERSION,
                                    "tls-certificate", certificate,
                                    "raw-paths", TRUE,
                                    NULL);
      _wb_server_guard_attach (self->soup);
      /* The SoupServer answers on the context it listens in: the answers of the workers too. */
      g_clear_pointer (&self->context, g_main_context_unref);
      self->context = g_main_context_ref_thread_default ();
      soup_server_add_handler (self->soup, NULL, on_request_cb, self, NULL);
      self->durable = _wb_server_durable_new (self->store, self->context);
    }
  g_return_val_if_fail (certificate == soup_server_get_tls_certificate (self->soup), FALSE);

  if (certificate != NULL)
    options |= SOUP_SERVER_LISTEN_HTTPS;
  if (!soup_server_listen (self->soup, socket_address, options, error))
    {
      if (soup_server_get_listeners (self->soup) == NULL)
        g_clear_object (&self->soup);
      return FALSE;
    }
  return TRUE;
}

static GUri *
first_uri (WbServer *self)
{
  GSList *uris;
  GUri *uri;

  if (self->soup == NULL)
    return NULL;
  uris = soup_server_get_uris (self->soup);
  if (uris == NULL)
    return NULL;
  uri = g_uri_ref (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return uri;
}

guint16
wb_server_get_port (WbServer *self)
{
  g_autoptr(GUri) uri = NULL;

  g_return_val_if_fail (WB_IS_SERVER (self), 0);

  uri = first_uri (self);
  return uri != NULL ? (guint16) g_uri_get_port (uri) : 0;
}

static char *
format_url (GUri *uri)
{
  g_autofree char *host = strchr (g_uri_get_host (uri), ':') != NULL
                          ? g_strdup_printf ("[%s]", g_uri_get_host (uri)) : g_strdup (g_uri_get_host (uri));

  return g_strdup_printf ("%s://%s:%d/", g_uri_get_scheme (uri), host, g_uri_get_port (uri));
}

char *
wb_server_dup_url (WbServer *self)
{
  g_autoptr(GUri) uri = NULL;

  g_return_val_if_fail (WB_IS_SERVER (self), NULL);

  uri = first_uri (self);
  return uri != NULL ? format_url (uri) : NULL;
}

GStrv
wb_server_dup_urls (WbServer *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GSList *uris;

  g_return_val_if_fail (WB_IS_SERVER (self), NULL);

  uris = self->soup != NULL ? soup_server_get_uris (self->soup) : NULL;
  for (GSList *l = uris; l != NULL; l = l->next)
    {
      g_autofree char *url = format_url (l->data);

      g_strv_builder_add (builder, url);
    }
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return g_strv_builder_end (builder);
}

void
wb_server_set_session_lifetime (WbServer *self,
                                gint64    seconds)
{
  g_return_if_fail (WB_IS_SERVER (self));
  g_return_if_fail (seconds > 0);

  self->session_seconds = seconds;
}

gint64
wb_server_get_session_lifetime (WbServer *self)
{
  g_return_val_if_fail (WB_IS_SERVER (self), 0);
  return self->session_seconds;
}

void
wb_server_set_signin_throttle (WbServer               *self,
                               const WbThrottleConfig *config)
{
  g_return_if_fail (WB_IS_SERVER (self));
  g_return_if_fail (config != NULL);
  g_return_if_fail (config->first_delay <= config->max_delay);

  self->signin = *config;
}

const WbThrottleConfig *
wb_server_get_signin_throttle (WbServer *self)
{
  g_return_val_if_fail (WB_IS_SERVER (self), NULL);
  return &self->signin;
}

SoupServer *
wb_server_get_soup_server (WbServer *self)
{
  g_return_val_if_fail (WB_IS_SERVER (self), NULL);
  return self->soup;
}

char *
wb_server_issue_token (WbServer  *self,
                       gint64     user_id,
                       GError   **error)
{
  gint64 expires_at;

  g_return_val_if_fail (WB_IS_SERVER (self), NULL);
  return _wb_server_auth_open_session (self->store, user_id, self->session_seconds, &expires_at, error);
}

WbStore *
wb_server_get_store (WbServer *self)
{
  g_return_val_if_fail (WB_IS_SERVER (self), NULL);
  return self->store;
}

static void
add_route_line (const WbRoute *route,
                gpointer       user_data)
{
  g_ptr_array_add (user_data, g_strdup_printf ("%s %s%s", route->method, route->path,
                                               (route->flags & WB_ROUTE_PUBLIC) ? " public" : ""));
}

GStrv
wb_server_dup_routes (WbServer *self)
{
  GPtrArray *lines;

  g_return_val_if_fail (WB_IS_SERVER (self), NULL);

  lines = g_ptr_array_new ();
  _wb_router_foreach_route (self->router, add_route_line, lines);
  g_ptr_array_add (lines, NULL);
  return (GStrv) g_ptr_array_free (lines, FALSE);
}
