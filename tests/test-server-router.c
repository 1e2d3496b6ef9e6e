/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "test-server-router"

#include "config.h"

#include <string.h>

#include "wb-server-router.h"

/* The router that puts the modules' route tables together: which route answers a path,
 * what a handler finds in the request, 405 against 404, and the hooks and subscribers in
 * the order the modules were added. */

static GString *calls;

static void
on_route_cb (WbRequest *request)
{
  g_string_append_printf (calls, "%s %s;", request->route->method, request->route->path);
}

/* A request as the dispatcher makes it, for "GET" "employers/12". */
typedef struct {
  WbRequest request;
  char **segments;
  char *allow;
  gboolean public_path;
} Probe;

static void
probe_clear (Probe *probe)
{
  g_clear_pointer (&probe->segments, g_strfreev);
  g_clear_pointer (&probe->allow, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Probe, probe_clear)

static WbRouterMatch
probe_match (Probe      *probe,
             WbRouter   *router,
             const char *method,
             const char *path)
{
  memset (probe, 0, sizeof *probe);
  probe->segments = g_strsplit (path, "/", -1);
  probe->request.method = method;
  probe->request.segments = probe->segments;
  probe->request.n_segments = g_strv_length (probe->segments);
  return _wb_router_match (router, &probe->request, &probe->allow, &probe->public_path);
}

static const WbRoute records_routes[] = {
  { "GET",   "/api/v1/{records}",         on_route_cb, WB_ROUTE_READS },
  { "GET",   "/api/v1/{records}/{id}",    on_route_cb, WB_ROUTE_READS },
  { "PATCH", "/api/v1/{records}/{id}",    on_route_cb, WB_ROUTE_WRITES },
};

static const WbRoute accounts_routes[] = {
  { "GET",    "/api/v1/accounts",                        on_route_cb, WB_ROUTE_READS },
  { "POST",   "/api/v1/employers/import",                on_route_cb, WB_ROUTE_WRITES },
  { "GET",    "/api/v1/employers/{id}/rule",             on_route_cb, WB_ROUTE_READS },
  { "GET",    "/api/v1/match-weights/{region}",          on_route_cb, WB_ROUTE_READS },
  { "POST",   "/api/v1/session",                         on_route_cb, WB_ROUTE_WRITES | WB_ROUTE_PUBLIC },
  { "DELETE", "/api/v1/session",                         on_route_cb, WB_ROUTE_WRITES },
  { "GET",    "/api/v1/clients/{id}/events/{event_id}",  on_route_cb, WB_ROUTE_READS },
};

static WbRouter *
make_router (void)
{
  WbRouter *router = _wb_router_new ();
  WbServerModule records = { .routes = records_routes, .n_routes = G_N_ELEMENTS (records_routes),
                             .state = (gpointer) "records" };
  WbServerModule accounts = { .routes = accounts_routes, .n_routes = G_N_ELEMENTS (accounts_routes),
                              .state = (gpointer) "accounts" };

  _wb_router_add_module (router, &records);
  _wb_router_add_module (router, &accounts);
  return router;
}

static void
test_router_most_literal_path_wins (void)
{
  g_autoptr(WbRouter) router = make_router ();
  g_auto(Probe) probe = { 0 };

  g_assert_cmpint (probe_match (&probe, router, "GET", "accounts"), ==, WB_ROUTER_FOUND);
  g_assert_cmpstr (probe.request.route->path, ==, "/api/v1/accounts");
  g_assert_cmpstr (probe.request.module, ==, "accounts");
  probe_clear (&probe);

  g_assert_cmpint (probe_match (&probe, router, "GET", "clients"), ==, WB_ROUTER_FOUND);
  g_assert_cmpstr (probe.request.route->path, ==, "/api/v1/{records}");
  g_assert_cmpstr (probe.request.module, ==, "records");
  g_assert_cmpstr (_wb_server_route_text (&probe.request, "records"), ==, "clients");
  probe_clear (&probe);

  /* A literal segment beats a placeholder, but only where the literal path matches. */
  g_assert_cmpint (probe_match (&probe, router, "GET", "employers/12/rule"), ==, WB_ROUTER_FOUND);
  g_assert_cmpint (_wb_server_route_id (&probe.request, "id"), ==, 12);
  probe_clear (&probe);
  g_assert_cmpint (probe_match (&probe, router, "GET", "employers/12"), ==, WB_ROUTER_FOUND);
  g_assert_cmpstr (probe.request.route->path, ==, "/api/v1/{records}/{id}");
  g_assert_cmpstr (_wb_server_route_text (&probe.request, "records"), ==, "employers");
  g_assert_cmpint (_wb_server_route_id (&probe.request, "id"), ==, 12);
  probe_clear (&probe);

  g_assert_cmpint (probe_match (&probe, router, "GET", "clients/7/events/9"), ==, WB_ROUTER_FOUND);
  g_assert_cmpint (_wb_server_route_id (&probe.request, "id"), ==, 7);
  g_assert_cmpint (_wb_server_route_id (&probe.request, "event_id"), ==, 9);
  g_assert_cmpstr (_wb_server_route_text (&probe.request, "event_id"), ==, "9");
  probe_clear (&probe);

  g_assert_cmpint (probe_match (&probe, router, "GET", "match-weights/Parkstad"), ==, WB_ROUTER_FOUND);
  g_assert_cmpstr (_wb_server_route_text (&probe.request, "region"), ==, "Parkstad");
  probe_clear (&probe);

  calls = g_string_new (NULL);
  g_assert_cmpint (probe_match (&probe, router, "PATCH", "users/3"), ==, WB_ROUTER_FOUND);
  probe.request.route->handler (&probe.request);
  g_assert_cmpstr (calls->str, ==, "PATCH /api/v1/{records}/{id};");
  g_string_free (g_steal_pointer (&calls), TRUE);
}

static void
test_router_ids (void)
{
  static const char * const not_ids[] = {
    "employers/0/rule", "employers/-1/rule", "employers/abc/rule", "employers/1x/rule", "employers/+1/rule",
    "employers/9223372036854775808/rule", "clients/1/events/x",
  };
  g_autoptr(WbRouter) router = make_router ();
  g_auto(Probe) probe = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (not_ids); i++)
    {
      g_assert_cmpint (probe_match (&probe, router, "GET", not_ids[i]), ==, WB_ROUTER_NOT_FOUND);
      probe_clear (&probe);
    }
  g_assert_cmpint (probe_match (&probe, router, "GET", "employers/9223372036854775807/rule"), ==, WB_ROUTER_FOUND);
  g_assert_cmpint (_wb_server_route_id (&probe.request, "id"), ==, G_MAXINT64);
}

static void
test_router_method_not_allowed (void)
{
  g_autoptr(WbRouter) router = make_router ();
  g_auto(Probe) probe = { 0 };

  g_assert_cmpint (probe_match (&probe, router, "DELETE", "clients/4"), ==, WB_ROUTER_NO_METHOD);
  g_assert_cmpstr (probe.allow, ==, "GET, PATCH");
  g_assert_false (probe.public_path);
  probe_clear (&probe);

  /* The literal path is known, so its methods are what it has: not those of {records}/{id}. */
  g_assert_cmpint (probe_match (&probe, router, "GET", "employers/import"), ==, WB_ROUTER_NO_METHOD);
  g_assert_cmpstr (probe.allow, ==, "POST");
  probe_clear (&probe);

  g_assert_cmpint (probe_match (&probe, router, "PUT", "session"), ==, WB_ROUTER_NO_METHOD);
  g_assert_cmpstr (probe.allow, ==, "POST, DELETE");
  g_assert_true (probe.public_path);
  probe_clear (&probe);

  g_assert_cmpint (probe_match (&probe, router, "POST", "session"), ==, WB_ROUTER_FOUND);
  g_assert_true (probe.request.route->flags & WB_ROUTE_PUBLIC);
  probe_clear (&probe);

  g_assert_cmpint (probe_match (&probe, router, "GET", "accounts/1/2/3"), ==, WB_ROUTER_NOT_FOUND);
  probe_clear (&probe);
  g_assert_cmpint (probe_match (&probe, router, "GET", "employers/1/contacts"), ==, WB_ROUTER_NOT_FOUND);
}

/* Hooks and subscribers: each module's runs with its own state, in the order the modules
 * were added, and a hook that answers stops the rest. */

static gboolean
note_before_create (WbRequest *request,
                    gint64     parent_id)
{
  g_string_append_printf (calls, "%s create %" G_GINT64_FORMAT ";", (const char *) request->module, parent_id);
  return !g_str_equal (request->module, "refuses");
}

static gboolean
note_before_update (WbRequest *request,
                    gint64     id)
{
  g_string_append_printf (calls, "%s update %" G_GINT64_FORMAT ";", (const char *) request->module, id);
  return TRUE;
}

static gboolean
note_complete_create (WbRequest  *request,
                      JsonObject *object)
{
  json_object_set_string_member (object, request->module, "was here");
  return TRUE;
}

static void
note_changed (gpointer    module,
              WbStore    *store,
              WbResource  resource,
              gint64      id)
{
  g_string_append_printf (calls, "%s %s %" G_GINT64_FORMAT ";", (const char *) module,
                          wb_resource_spec_get (resource)->name, id);
}

static const WbRecordHooks employer_hooks[] = {
  { WB_RESOURCE_EMPLOYERS, note_before_create, note_before_update, note_complete_create },
};

static const WbRecordHooks client_hooks[] = {
  { WB_RESOURCE_CLIENTS, .before_create = note_before_create },
  { WB_RESOURCE_EMPLOYERS, .before_create = note_before_create, .complete_create = note_complete_create },
};

static void
test_router_hooks_and_subscribers (void)
{
  g_autoptr(WbRouter) router = _wb_router_new ();
  g_autoptr(JsonObject) object = json_object_new ();
  WbServerModule first = { .record_hooks = employer_hooks, .n_record_hooks = G_N_ELEMENTS (employer_hooks),
                           .changed = note_changed, .state = (gpointer) "first" };
  WbServerModule refuses = { .record_hooks = client_hooks, .n_record_hooks = G_N_ELEMENTS (client_hooks),
                             .state = (gpointer) "refuses" };
  WbServerModule last = { .record_hooks = employer_hooks, .n_record_hooks = G_N_ELEMENTS (employer_hooks),
                          .changed = note_changed, .state = (gpointer) "last" };
  WbRequest request = { .router = router, .module = (gpointer) "records" };

  _wb_router_add_module (router, &first);
  _wb_router_add_module (router, &refuses);
  _wb_router_add_module (router, &last);
  calls = g_string_new (NULL);

  g_assert_true (_wb_server_before_update (&request, WB_RESOURCE_EMPLOYERS, 5));
  g_assert_cmpstr (calls->str, ==, "first update 5;last update 5;");
  g_string_truncate (calls, 0);

  /* The second module answers the request: the third is not asked. */
  g_assert_false (_wb_server_before_create (&request, WB_RESOURCE_EMPLOYERS, 0));
  g_assert_cmpstr (calls->str, ==, "first create 0;refuses create 0;");
  g_assert_cmpstr (request.module, ==, "records");
  g_string_truncate (calls, 0);

  g_assert_false (_wb_server_before_create (&request, WB_RESOURCE_CLIENTS, 0));
  g_assert_true (_wb_server_before_create (&request, WB_RESOURCE_MATCHES, 0));
  g_assert_cmpstr (calls->str, ==, "refuses create 0;");
  g_string_truncate (calls, 0);

  g_assert_true (_wb_server_complete_create (&request, WB_RESOURCE_EMPLOYERS, object));
  g_assert_cmpuint (json_object_get_size (object), ==, 3);
  g_assert_true (json_object_has_member (object, "refuses"));

  _wb_server_changed (&request, WB_RESOURCE_VACANCIES, 8);
  g_assert_cmpstr (calls->str, ==, "first vacancies 8;last vacancies 8;");
  g_string_free (g_steal_pointer (&calls), TRUE);
}

static WbResource
resource_of_first_segment (WbRequest *request)
{
  const WbResourceSpec *spec = wb_resource_spec_lookup (request->segments[0]);

  return spec != NULL ? spec->resource : WB_N_RESOURCES;
}

static const WbRoute ranking_routes[] = {
  { "GET", "/api/v1/vacancies/{id}/matches", on_route_cb, WB_ROUTE_READS },
};

static const WbRoute stream_routes[] = {
  { "GET", "/api/v1/changes", on_route_cb, WB_ROUTE_STREAMS },
};

/* A write must run alone in the gate only where a module whose reads run on the workers
 * follows what it writes: a record hook for the resource, or a changed function that acts
 * on it; a module that follows only some resources hears only of those. */
static void
test_router_writes_wait_only_where_followed (void)
{
  g_autoptr(WbRouter) router = _wb_router_new ();
  WbServerModule records = { .routes = records_routes, .n_routes = G_N_ELEMENTS (records_routes),
                             .constant_state = TRUE, .resource_of = resource_of_first_segment,
                             .state = (gpointer) "records" };
  WbServerModule ranking = { .routes = ranking_routes, .n_routes = G_N_ELEMENTS (ranking_routes),
                             .record_hooks = employer_hooks, .n_record_hooks = G_N_ELEMENTS (employer_hooks),
                             .changed = note_changed,
                             .changed_resources = G_GUINT64_CONSTANT (1) << WB_RESOURCE_CLIENTS,
                             .serial_reads = TRUE, .state = (gpointer) "ranking" };
  WbServerModule stream = { .routes = stream_routes, .n_routes = G_N_ELEMENTS (stream_routes),
                            .changed = note_changed, .state = (gpointer) "stream" };
  static const char * const paths[] = { "events/3", "clients/3", "employers/3", "audit/3", "nothing/3" };
  static const gboolean gated[] = { FALSE, TRUE, TRUE, FALSE, TRUE };

  _wb_router_add_module (router, &records);
  _wb_router_add_module (router, &ranking);
  _wb_router_add_module (router, &stream);

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_auto(Probe) probe;

      g_assert_cmpint (probe_match (&probe, router, "PATCH", paths[i]), ==, WB_ROUTER_FOUND);
      g_test_message ("PATCH %s", paths[i]);
      g_assert_cmpint (_wb_router_write_needs_gate (router, &probe.request), ==, gated[i]);
    }

  /* The stream's module hears of everything; the ranking module of clients only. */
  calls = g_string_new (NULL);
  {
    WbRequest request = { .router = router, .module = (gpointer) "records" };

    _wb_server_changed (&request, WB_RESOURCE_EVENTS, 4);
    _wb_server_changed (&request, WB_RESOURCE_CLIENTS, 5);
  }
  g_assert_cmpstr (calls->str, ==, "stream events 4;ranking clients 5;stream clients 5;");
  g_string_free (g_steal_pointer (&calls), TRUE);
}

/* What a module may not declare: the router says so when the module is added. */
static void
test_router_refuses_unclear_tables (void)
{
  if (g_test_subprocess ())
    {
      static const WbRoute unflagged[] = { { "POST", "/api/v1/things", on_route_cb, WB_ROUTE_READS } };
      g_autoptr(WbRouter) router = _wb_router_new ();
      WbServerModule module = { .routes = unflagged, .n_routes = 1 };

      _wb_router_add_module (router, &module);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*POST /api/v1/things is not a GET and not marked WB_ROUTE_WRITES*");
}

static void
test_router_refuses_ambiguous_paths (void)
{
  if (g_test_subprocess ())
    {
      static const WbRoute ambiguous[] = {
        { "GET", "/api/v1/things/{id}", on_route_cb, WB_ROUTE_READS },
        { "DELETE", "/api/v1/things/{name}", on_route_cb, WB_ROUTE_WRITES },
      };
      g_autoptr(WbRouter) router = _wb_router_new ();
      WbServerModule module = { .routes = ambiguous, .n_routes = G_N_ELEMENTS (ambiguous) };

      _wb_router_add_module (router, &module);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*/api/v1/things/{name} and /api/v1/things/{id} match the same requests*");
}

static void
test_router_refuses_a_route_twice (void)
{
  if (g_test_subprocess ())
    {
      static const WbRoute twice[] = {
        { "GET", "/api/v1/things", on_route_cb, WB_ROUTE_READS },
        { "GET", "/api/v1/things", on_route_cb, WB_ROUTE_READS },
      };
      g_autoptr(WbRouter) router = _wb_router_new ();
      WbServerModule module = { .routes = twice, .n_routes = G_N_ELEMENTS (twice) };

      _wb_router_add_module (router, &module);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*GET /api/v1/things is declared twice*");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/server/router/most-literal-path-wins", test_router_most_literal_path_wins);
  g_test_add_func ("/server/router/ids", test_router_ids);
  g_test_add_func ("/server/router/method-not-allowed", test_router_method_not_allowed);
  g_test_add_func ("/server/router/hooks-and-subscribers", test_router_hooks_and_subscribers);
  g_test_add_func ("/server/router/writes-wait-only-where-followed", test_router_writes_wait_only_where_followed);
  g_test_add_func ("/server/router/refuses-unclear-tables", test_router_refuses_unclear_tables);
  g_test_add_func ("/server/router/refuses-ambiguous-paths", test_router_refuses_ambiguous_paths);
  g_test_add_func ("/server/router/refuses-a-route-twice", test_router_refuses_a_route_twice);

  return g_test_run ();
}
