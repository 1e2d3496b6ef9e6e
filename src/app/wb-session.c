/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-session"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wb-secret.h"
#include "wb-session.h"

typedef struct {
  WbResource resource;
  const char *name_field;
  GListStore *records;
  GHashTable *by_id;  /* gint64 * -> WbRecord (borrowed from records) */
} Lookup;

enum {
  LOOKUP_ORGANISATIONS,
  LOOKUP_MUNICIPALITIES,
  LOOKUP_USERS,
  N_LOOKUPS
};

static const struct {
  WbResource resource;
  const char *name_field;
} lookup_kinds[N_LOOKUPS] = {
  { WB_RESOURCE_ORGANISATIONS, "name" },
  { WB_RESOURCE_MUNICIPALITIES, "name" },
  { WB_RESOURCE_USERS, "display_name" },
};

struct _WbSession
{
  GObject parent_instance;

  WbApiClient *api;
  WbApiFeed *feed;         /* the server's change feed, once started */
  WbRecord *me;
  WbRole role;
  Lookup lookups[N_LOOKUPS];
};

G_DEFINE_FINAL_TYPE (WbSession, wb_session, G_TYPE_OBJECT)

enum {
  RECORD_SAVED,
  REMOTE_CHANGE,
  REMOTE_RESET,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static Lookup *
find_lookup (WbSession  *self,
             WbResource  resource)
{
  for (guint i = 0; i < N_LOOKUPS; i++)
    if (self->lookups[i].resource == resource)
      return &self->lookups[i];
  return NULL;
}

static void
wb_session_finalize (GObject *object)
{
  WbSession *self = (WbSession *) object;

  for (guint i = 0; i < N_LOOKUPS; i++)
    {
      g_clear_pointer (&self->lookups[i].by_id, g_hash_table_unref);
      g_clear_object (&self->lookups[i].records);
    }
  if (self->feed != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->feed, self);
      wb_api_feed_stop (self->feed);
    }
  g_clear_object (&self->feed);
  g_clear_object (&self->api);
  g_clear_object (&self->me);

  G_OBJECT_CLASS (wb_session_parent_class)->finalize (object);
}

static void
wb_session_class_init (WbSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = wb_session_finalize;

  signals[RECORD_SAVED] = g_signal_new ("record-saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 1, WB_TYPE_RECORD);
  signals[REMOTE_CHANGE] = g_signal_new ("remote-change", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                                         WB_TYPE_API_CHANGE | G_SIGNAL_TYPE_STATIC_SCOPE);
  signals[REMOTE_RESET] = g_signal_new ("remote-reset", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                        0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
wb_session_init (WbSession *self)
{
  for (guint i = 0; i < N_LOOKUPS; i++)
    {
      self->lookups[i].resource = lookup_kinds[i].resource;
      self->lookups[i].name_field = lookup_kinds[i].name_field;
      self->lookups[i].records = g_list_store_new (WB_TYPE_RECORD);
      self->lookups[i].by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
    }
  self->role = WB_ROLE_CONSULTANT;
}

WbSession *
wb_session_new (WbApiClient *api,
                WbRecord    *me)
{
  WbSession *self;

  g_return_val_if_fail (api == NULL || WB_IS_API_CLIENT (api), NULL);
  g_return_val_if_fail (WB_IS_RECORD (me), NULL);

  self = g_object_new (WB_TYPE_SESSION, NULL);
  self->api = api != NULL ? g_object_ref (api) : NULL;
  self->me = g_object_ref (me);
  if (!wb_role_from_string (wb_record_get_string (me, "role"), &self->role))
    self->role = WB_ROLE_ANALYST;
  return self;
}

WbApiClient *
wb_session_get_api (WbSession *self)
{
  g_return_val_if_fail (WB_IS_SESSION (self), NULL);
  return self->api;
}

WbRecord *
wb_session_get_me (WbSession *self)
{
  g_return_val_if_fail (WB_IS_SESSION (self), NULL);
  return self->me;
}

WbRole
wb_session_get_role (WbSession *self)
{
  g_return_val_if_fail (WB_IS_SESSION (self), WB_ROLE_ANALYST);
  return self->role;
}

gint64
wb_session_get_user_id (WbSession *self)
{
  g_return_val_if_fail (WB_IS_SESSION (self), 0);
  return wb_record_get_id (self->me);
}

gint64
wb_session_get_organisation_id (WbSession *self)
{
  g_return_val_if_fail (WB_IS_SESSION (self), 0);
  return wb_record_get_int (self->me, "organisation_id");
}

void
wb_session_set_lookup (WbSession  *self,
                       WbResource  resource,
                       GListModel *records)
{
  Lookup *lookup;
  guint n;

  g_return_if_fail (WB_IS_SESSION (self));
  g_return_if_fail (G_IS_LIST_MODEL (records));

  lookup = find_lookup (self, resource);
  g_return_if_fail (lookup != NULL);

  g_hash_table_remove_all (lookup->by_id);
  g_list_store_remove_all (lookup->records);
  n = g_list_model_get_n_items (records);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WbRecord) record = g_list_model_get_item (records, i);
      gint64 id = wb_record_get_id (record);

      g_list_store_append (lookup->records, record);
      g_hash_table_insert (lookup->by_id, g_memdup2 (&id, sizeof id), record);
    }
}

WbRecord *
wb_session_lookup_record (WbSession  *self,
                          WbResource  resource,
                          gint64      id)
{
  Lookup *lookup;

  g_return_val_if_fail (WB_IS_SESSION (self), NULL);

  lookup = find_lookup (self, resource);
  if (lookup == NULL || id <= 0)
    return NULL;
  return g_hash_table_lookup (lookup->by_id, &id);
}

const char *
wb_session_lookup_name (WbSession  *self,
                        WbResource  resource,
                        gint64      id)
{
  Lookup *lookup = find_lookup (self, resource);
  WbRecord *record = wb_session_lookup_record (self, resource, id);

  if (record == NULL || lookup == NULL)
    return NULL;
  return wb_record_get_string (record, lookup->name_field);
}

GListModel *
wb_session_get_lookup (WbSession  *self,
                       WbResource  resource)
{
  Lookup *lookup;

  g_return_val_if_fail (WB_IS_SESSION (self), NULL);

  lookup = find_lookup (self, resource);
  return lookup != NULL ? G_LIST_MODEL (lookup->records) : NULL;
}

WbScope
wb_session_scope_of_client (WbSession *self,
                            WbRecord  *client)
{
  g_return_val_if_fail (WB_IS_SESSION (self), WB_SCOPE_OTHER);
  g_return_val_if_fail (WB_IS_RECORD (client), WB_SCOPE_OTHER);

  if (wb_record_get_int (client, "organisation_id") == wb_session_get_organisation_id (self))
    return WB_SCOPE_OWN;
  if (wb_record_get_int (client, "wsp_account_manager_id") == wb_session_get_user_id (self))
    return WB_SCOPE_REFERRED;
  return WB_SCOPE_OTHER;
}

gboolean
wb_session_can (WbSession  *self,
                WbResource  resource,
                WbAction    action,
                WbScope     scope)
{
  g_return_val_if_fail (WB_IS_SESSION (self), FALSE);

  return wb_policy_decide (self->role, resource, action, scope) == WB_DECISION_ALLOW;
}

/* Loading: the lookups (and, restoring a sign-in, "who am I" before them; and after them
 * the first page of the list shown first, wb_api_client_expect_list) are asked and parsed
 * on a worker's thread, so that a launch's questions go out and come back while the main
 * thread is still busy starting GTK or building the window; the main thread only takes the
 * answers in. */

typedef struct {
  WbApiClient *api;
  char *keyring_url;               /* restoring the sign-in kept in the keyring for it */
  gboolean ask_me;
  WbRecord *me;
  GListModel *records[N_LOOKUPS];  /* NULL: the role may not read that list */
  GTask *task;                     /* the caller's */
} Load;

static void
load_free (Load *load)
{
  g_clear_object (&load->api);
  g_free (load->keyring_url);
  g_clear_object (&load->me);
  for (guint i = 0; i < N_LOOKUPS; i++)
    g_clear_object (&load->records[i]);
  g_clear_object (&load->task);
  g_free (load);
}

static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Load *load = task_data;
  g_autoptr(GError) error = NULL;

  if (load->keyring_url != NULL)
    {
      g_autofree char *token = wb_secret_find_token (load->keyring_url, cancellable, &error);

      if (token != NULL)
        wb_api_client_set_token (load->api, token);
      else if (error == NULL)
        g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "No sign-in is kept for this server");
    }
  if (load->ask_me && error == NULL)
    load->me = wb_api_client_me (load->api, cancellable, &error);
  for (guint i = 0; error == NULL && i < N_LOOKUPS; i++)
    {
      g_autoptr(GError) lookup_error = NULL;

      load->records[i] = wb_api_client_list_all (load->api, lookup_kinds[i].resource, cancellable, &lookup_error);
      /* A role that may not read users (the analyst) still gets a working session. */
      if (load->records[i] == NULL && !g_error_matches (lookup_error, WB_API_ERROR, 403))
        error = g_steal_pointer (&lookup_error);
    }
  /* The first page of the list the window shows first, when it said which. */
  if (error == NULL)
    wb_api_client_read_expected (load->api, cancellable);
  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
set_lookups (WbSession *self,
             Load      *load)
{
  for (guint i = 0; i < N_LOOKUPS; i++)
    if (load->records[i] != NULL)
      wb_session_set_lookup (self, lookup_kinds[i].resource, load->records[i]);
}

/* Takes the answers in on the caller's thread: into the session that asked, or, restoring a
 * sign-in, into a new one for the user the token belongs to. */
static void
on_loaded_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Load *load = user_data;
  g_autoptr(GTask) task = g_steal_pointer (&load->task);
  g_autoptr(GError) error = NULL;
  WbSession *session;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!load->ask_me)
    {
      set_lookups (g_task_get_source_object (task), load);
      g_task_return_boolean (task, TRUE);
      return;
    }
  session = wb_session_new (load->api, load->me);
  set_lookups (session, load);
  g_task_return_pointer (task, session, g_object_unref);
}

/* Runs @load on a worker's thread; on_loaded_cb takes the answers in on the caller's. */
static void
start_load (Load         *load,
            GCancellable *cancellable)
{
  g_autoptr(GTask) worker = g_task_new (NULL, cancellable, on_loaded_cb, load);

  g_task_set_task_data (worker, load, (GDestroyNotify) load_free);
  g_task_run_in_thread (worker, load_in_thread);
}

void
wb_session_load_async (WbSession           *self,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  Load *load;

  g_return_if_fail (WB_IS_SESSION (self));
  g_return_if_fail (self->api != NULL);

  load = g_new0 (Load, 1);
  load->api = g_object_ref (self->api);
  load->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (load->task, wb_session_load_async);
  start_load (load, cancellable);
}

gboolean
wb_session_load_finish (WbSession     *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* A restore of @api's token, or with @keyring_url of the one kept in the keyring. */
static void
start_restore (WbApiClient         *api,
               const char          *keyring_url,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  Load *load = g_new0 (Load, 1);

  load->api = g_object_ref (api);
  load->keyring_url = g_strdup (keyring_url);
  load->ask_me = TRUE;
  load->task = g_task_new (api, cancellable, callback, user_data);
  g_task_set_source_tag (load->task, wb_session_restore_async);
  start_load (load, cancellable);
}

void
wb_session_restore_async (WbApiClient         *api,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_return_if_fail (WB_IS_API_CLIENT (api));

  start_restore (api, NULL, cancellable, callback, user_data);
}

void
wb_session_restore_kept_async (WbApiClient         *api,
                               const char          *server_url,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (WB_IS_API_CLIENT (api));
  g_return_if_fail (server_url != NULL);

  start_restore (api, server_url, cancellable, callback, user_data);
}

WbSession *
wb_session_restore_finish (WbApiClient   *api,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, api), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == wb_session_restore_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
wb_session_record_saved (WbSession *self,
                         WbRecord  *record)
{
  g_return_if_fail (WB_IS_SESSION (self));
  g_return_if_fail (WB_IS_RECORD (record));

  g_signal_emit (self, signals[RECORD_SAVED], 0, record);
}

static void
on_feed_change_cb (WbApiFeed   *feed,
                   WbApiChange *change,
                   WbSession   *self)
{
  g_signal_emit (self, signals[REMOTE_CHANGE], 0, change);
}

static void
on_feed_reset_cb (WbApiFeed *feed,
                  WbSession *self)
{
  g_signal_emit (self, signals[REMOTE_RESET], 0);
}

void
wb_session_start_feed (WbSession *self)
{
  g_return_if_fail (WB_IS_SESSION (self));

  if (self->api == NULL)
    return;
  if (self->feed == NULL)
    {
      self->feed = wb_api_feed_new (self->api);
      g_signal_connect (self->feed, "change", G_CALLBACK (on_feed_change_cb), self);
      g_signal_connect (self->feed, "reset", G_CALLBACK (on_feed_reset_cb), self);
    }
  wb_api_feed_start (self->feed);
}

void
wb_session_stop_feed (WbSession *self)
{
  g_return_if_fail (WB_IS_SESSION (self));

  if (self->feed != NULL)
    wb_api_feed_stop (self->feed);
}

WbApiFeed *
wb_session_get_feed (WbSession *self)
{
  g_return_val_if_fail (WB_IS_SESSION (self), NULL);
  return self->feed;
}

void
wb_session_remote_change (WbSession         *self,
                          const WbApiChange *change)
{
  g_return_if_fail (WB_IS_SESSION (self));
  g_return_if_fail (change != NULL);

  g_signal_emit (self, signals[REMOTE_CHANGE], 0, change);
}
