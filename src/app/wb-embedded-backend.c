/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-embedded-backend"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <glib/gstdio.h>

#include "wb-demo.h"
#include "wb-import.h"
#include "wb-server.h"
#include "wb-store.h"

#include "wb-embedded-backend.h"

struct _WbEmbeddedBackend
{
  GObject parent_instance;

  char *db_path;
  char *url;
  GPtrArray *demo_users;

  GMainContext *main_context;    /* where the caller lives */
  GThread *thread;
  GMainContext *server_context;  /* owned by the backend thread */
  GMainLoop *server_loop;
  GTask *start_task;
  GMutex lock;
  gboolean seeding;              /* the backend thread is making the demo data */
  gboolean reported_seeding;     /* of the progress report being emitted (main context) */
};

G_DEFINE_FINAL_TYPE (WbEmbeddedBackend, wb_embedded_backend, G_TYPE_OBJECT)

enum {
  PROGRESS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
wb_demo_user_free (WbDemoUser *user)
{
  if (user == NULL)
    return;
  g_free (user->username);
  g_free (user->display_name);
  g_free (user->role);
  g_free (user->organisation);
  g_free (user);
}

typedef struct {
  WbEmbeddedBackend *self;
  char *stage;
  double fraction;
  gboolean seeding;
} ProgressReport;

static gboolean
emit_progress_cb (gpointer data)
{
  ProgressReport *report = data;

  report->self->reported_seeding = report->seeding;
  g_signal_emit (report->self, signals[PROGRESS], 0, report->stage, report->fraction);
  g_object_unref (report->self);
  g_free (report->stage);
  g_free (report);
  return G_SOURCE_REMOVE;
}

static void
report_progress (WbEmbeddedBackend *self,
                 const char        *stage,
                 double             fraction)
{
  ProgressReport *report = g_new0 (ProgressReport, 1);

  report->self = g_object_ref (self);
  report->stage = g_strdup (stage);
  report->fraction = fraction;
  report->seeding = self->seeding;
  g_main_context_invoke (self->main_context, emit_progress_cb, report);
}

static void
on_demo_progress (const char *stage,
                  double      fraction,
                  gpointer    user_data)
{
  WbEmbeddedBackend *self = user_data;
  static gint64 last_report;
  gint64 now = g_get_monotonic_time ();

  /* The generator reports often; a few updates a second are enough for a progress bar. */
  if (fraction < 1.0 && now - last_report < G_USEC_PER_SEC / 20)
    return;
  last_report = now;
  report_progress (self, stage, fraction);
}

static guint
demo_size_from_environment (void)
{
  const char *text = g_getenv ("WERKBRUG_DEMO_CLIENTS");
  guint64 n;

  if (text != NULL && g_ascii_string_to_unsigned (text, 10, 1, 1000000, &n, NULL))
    return (guint) n;
  return 0;
}

static gboolean
seed_demo (WbEmbeddedBackend  *self,
           WbStore            *store,
           GError            **error)
{
  const char *shared = g_getenv ("WB_SHARED_DATA");
  g_autofree char *cbs = NULL;
  g_autofree char *pc4 = NULL;
  g_autofree char *esco = NULL;
  WbDemoOptions options = { 0 };

  if (shared != NULL)
    {
      cbs = g_build_filename (shared, "cbs", "cbs_bijstand_zuid_limburg_2015_2017.csv", NULL);
      pc4 = g_build_filename (shared, "pc4", "pc4_nl.csv", NULL);
      esco = g_build_filename (shared, "esco", NULL);
    }

  if (pc4 != NULL && g_file_test (pc4, G_FILE_TEST_EXISTS))
    {
      g_autoptr(WbImportReport) report = wb_import_report_new ();

      report_progress (self, _("Postcode areas"), 0.0);
      if (!wb_import_pc4 (store, pc4, report, error))
        return FALSE;
    }

  options.n_clients = demo_size_from_environment ();
  if (options.n_clients > 0 && options.n_clients < 2000)
    {
      /* A small demo (for tests) keeps the other collections in proportion. */
      options.n_employers = MAX (50, options.n_clients / 5);
      options.n_vacancies = MAX (20, options.n_clients / 13);
    }
  options.seed = 1;
  options.cbs_path = cbs != NULL && g_file_test (cbs, G_FILE_TEST_EXISTS) ? cbs : NULL;
  options.progress = on_demo_progress;
  options.progress_data = self;

  if (!wb_demo_generate (store, &options, error))
    return FALSE;

  /* ESCO's occupations and their competences beside the starter taxonomy, after the demo so
   * that the synthetic region stays what its seed makes: a vacancy is taken in from an ESCO
   * occupation as in a shared deployment. */
  if (esco != NULL && g_file_test (esco, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(WbImportReport) report = wb_import_report_new ();

      report_progress (self, _("Occupations and competences (ESCO)"), 1.0);
      if (!wb_import_esco (store, esco, report, error))
        return FALSE;
    }
  return TRUE;
}

static int
role_rank (const char *role)
{
  for (int i = 0; wb_roles[i] != NULL; i++)
    if (g_strcmp0 (wb_roles[i], role) == 0)
      return i;
  return G_MAXINT;
}

/* By organisation, then by role in the order of wb_roles, then by user name. */
static int
compare_demo_users (gconstpointer a,
                    gconstpointer b)
{
  const WbDemoUser *ua = *(WbDemoUser **) a;
  const WbDemoUser *ub = *(WbDemoUser **) b;

  if (ua->organisation_id != ub->organisation_id)
    return ua->organisation_id < ub->organisation_id ? -1 : 1;
  if (role_rank (ua->role) != role_rank (ub->role))
    return role_rank (ua->role) < role_rank (ub->role) ? -1 : 1;
  return g_strcmp0 (ua->username, ub->username);
}

static GPtrArray *
read_demo_users (WbStore  *store,
                 GError  **error)
{
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(GPtrArray) organisations = NULL;
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  GPtrArray *result;
  WbListQuery query = { 0 };
  gint64 total;

  query.limit = 1000;
  organisations = wb_store_list (store, WB_RESOURCE_ORGANISATIONS, &query, &total, error);
  if (organisations == NULL)
    return NULL;
  for (guint i = 0; i < organisations->len; i++)
    {
      JsonObject *org = organisations->pdata[i];

      g_hash_table_insert (names,
                           g_memdup2 (&(gint64) { json_object_get_int_member (org, "id") }, sizeof (gint64)),
                           g_strdup (json_object_get_string_member_with_default (org, "name", "")));
    }

  users = wb_store_list (store, WB_RESOURCE_USERS, &query, &total, error);
  if (users == NULL)
    return NULL;

  result = g_ptr_array_new_with_free_func ((GDestroyNotify) wb_demo_user_free);
  for (guint i = 0; i < users->len; i++)
    {
      JsonObject *row = users->pdata[i];
      WbDemoUser *user = g_new0 (WbDemoUser, 1);
      gint64 org = json_object_get_int_member_with_default (row, "organisation_id", 0);

      JsonNode *active = json_object_get_member (row, "active");

      /* People who have left cannot log in; the login page does not offer them. */
      if (active != NULL && JSON_NODE_HOLDS_VALUE (active) &&
          ((json_node_get_value_type (active) == G_TYPE_BOOLEAN && !json_node_get_boolean (active)) ||
           (json_node_get_value_type (active) == G_TYPE_INT64 && json_node_get_int (active) == 0)))
        {
          wb_demo_user_free (user);
          continue;
        }
      user->username = g_strdup (json_object_get_string_member_with_default (row, "username", ""));
      user->display_name = g_strdup (json_object_get_string_member_with_default (row, "display_name", ""));
      user->role = g_strdup (json_object_get_string_member_with_default (row, "role", ""));
      user->organisation_id = org;
      user->organisation = g_strdup (g_hash_table_lookup (names, &org));
      g_ptr_array_add (result, user);
    }
  g_ptr_array_sort (result, compare_demo_users);
  return result;
}

typedef struct {
  WbEmbeddedBackend *self;
  GError *error;
} StartResult;

static gboolean
complete_start_cb (gpointer data)
{
  StartResult *result = data;
  WbEmbeddedBackend *self = result->self;
  g_autoptr(GTask) task = g_steal_pointer (&self->start_task);

  if (task != NULL)
    {
      if (result->error != NULL)
        g_task_return_error (task, g_steal_pointer (&result->error));
      else
        g_task_return_boolean (task, TRUE);
    }
  g_clear_error (&result->error);
  g_object_unref (result->self);
  g_free (result);
  return G_SOURCE_REMOVE;
}

static void
finish_start (WbEmbeddedBackend *self,
              GError            *error)
{
  StartResult *result = g_new0 (StartResult, 1);

  result->self = g_object_ref (self);
  result->error = error;
  g_main_context_invoke (self->main_context, complete_start_cb, result);
}

static gpointer
backend_thread (gpointer data)
{
  WbEmbeddedBackend *self = data;
  g_autoptr(WbStore) store = NULL;
  g_autoptr(WbServer) server = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_path_get_dirname (self->db_path);
  g_autofree char *url = NULL;
  GPtrArray *users;

  g_main_context_push_thread_default (self->server_context);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      finish_start (self, g_error_new (G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                                       _("Could not create the folder %s: %s"), dir, g_strerror (saved_errno)));
      goto out;
    }

  report_progress (self, _("Opening the database"), 0.0);
  store = wb_store_open (self->db_path, &error);
  if (store == NULL)
    {
      finish_start (self, g_steal_pointer (&error));
      goto out;
    }

  if (wb_store_count (store, "users") == 0)
    {
      g_autoptr(GTimer) timer = g_timer_new ();
      gboolean seeded;

      /* Only this thread writes it, before and after its reports. */
      self->seeding = TRUE;
      seeded = seed_demo (self, store, &error);
      self->seeding = FALSE;
      if (!seeded)
        {
          finish_start (self, g_steal_pointer (&error));
          goto out;
        }
      g_debug ("Demo data generated in %.1f s", g_timer_elapsed (timer, NULL));
    }

  users = read_demo_users (store, &error);
  if (users == NULL)
    {
      finish_start (self, g_steal_pointer (&error));
      goto out;
    }

  server = wb_server_new (store);
  if (!wb_server_listen (server, "127.0.0.1:0", NULL, &error))
    {
      g_ptr_array_unref (users);
      finish_start (self, g_steal_pointer (&error));
      goto out;
    }
  url = wb_server_dup_url (server);

  g_mutex_lock (&self->lock);
  self->url = g_strdup (url);
  self->demo_users = users;
  g_mutex_unlock (&self->lock);

  report_progress (self, _("Ready"), 1.0);
  finish_start (self, NULL);

  g_main_loop_run (self->server_loop);

out:
  g_clear_object (&server);
  g_clear_object (&store);
  g_main_context_pop_thread_default (self->server_context);
  return NULL;
}

static char *
default_db_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "werkbrug", "werkbrug.db", NULL);
}

static void
wb_embedded_backend_finalize (GObject *object)
{
  WbEmbeddedBackend *self = (WbEmbeddedBackend *) object;

  wb_embedded_backend_stop (self);
  g_clear_pointer (&self->server_loop, g_main_loop_unref);
  g_clear_pointer (&self->server_context, g_main_context_unref);
  g_clear_pointer (&self->main_context, g_main_context_unref);
  g_clear_pointer (&self->demo_users, g_ptr_array_unref);
  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->db_path, g_free);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (wb_embedded_backend_parent_class)->finalize (object);
}

static void
wb_embedded_backend_class_init (WbEmbeddedBackendClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = wb_embedded_backend_finalize;

  signals[PROGRESS] = g_signal_new ("progress", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL,
                                    G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_DOUBLE);
}

static void
wb_embedded_backend_init (WbEmbeddedBackend *self)
{
  g_mutex_init (&self->lock);
}

WbEmbeddedBackend *
wb_embedded_backend_new (const char *db_path)
{
  WbEmbeddedBackend *self = g_object_new (WB_TYPE_EMBEDDED_BACKEND, NULL);

  self->db_path = db_path != NULL ? g_strdup (db_path) : default_db_path ();
  return self;
}

void
wb_embedded_backend_start_async (WbEmbeddedBackend   *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (WB_IS_EMBEDDED_BACKEND (self));
  g_return_if_fail (self->thread == NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, wb_embedded_backend_start_async);

  self->start_task = g_steal_pointer (&task);
  self->main_context = g_main_context_ref_thread_default ();
  self->server_context = g_main_context_new ();
  self->server_loop = g_main_loop_new (self->server_context, FALSE);
  self->thread = g_thread_new ("wb-embedded-backend", backend_thread, self);
}

gboolean
wb_embedded_backend_start_finish (WbEmbeddedBackend  *self,
                                  GAsyncResult       *result,
                                  GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

const char *
wb_embedded_backend_get_url (WbEmbeddedBackend *self)
{
  g_return_val_if_fail (WB_IS_EMBEDDED_BACKEND (self), NULL);

  return self->url;
}

GPtrArray *
wb_embedded_backend_get_demo_users (WbEmbeddedBackend *self)
{
  g_return_val_if_fail (WB_IS_EMBEDDED_BACKEND (self), NULL);

  return self->demo_users;
}

static gboolean
quit_loop_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

void
wb_embedded_backend_stop (WbEmbeddedBackend *self)
{
  g_return_if_fail (WB_IS_EMBEDDED_BACKEND (self));

  if (self->thread == NULL)
    return;

  g_main_context_invoke_full (self->server_context, G_PRIORITY_HIGH, quit_loop_cb,
                              g_main_loop_ref (self->server_loop), (GDestroyNotify) g_main_loop_unref);
  g_thread_join (g_steal_pointer (&self->thread));
}

gboolean
wb_embedded_backend_is_seeding (WbEmbeddedBackend *self)
{
  g_return_val_if_fail (WB_IS_EMBEDDED_BACKEND (self), FALSE);
  return self->reported_seeding;
}
