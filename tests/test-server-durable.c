/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "test-server-durable"

#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "wb-server-durable.h"

/* Group commit, with the flush in the test's hands: a write that comes in while the log is
 * being flushed waits for the next flush, together with every other write that came in
 * meanwhile; a write is answered only after a flush that began after it; a flush the disk
 * refuses turns the answers it held into 500 problems. How long a real fdatasync takes
 * decides how large the groups are in a running server, so test-server-pool only checks
 * that every write waits; here the groups themselves are checked. */

#define N_WRITES 8

typedef struct {
  GMutex mutex;
  GCond cond;
  WbStore *store;
  guint n_entered;      /* flushes begun */
  gboolean released;    /* the first flush may end */
  guint fail_from;      /* this flush and later ones are refused; 0: none */
} Gate;

typedef struct {
  Gate gate;
  WbDurable *durable;
  SoupServer *server;
  SoupSession *session;
  GUri *uri;
  guint n_handled;
  guint n_answered;
  guint order[N_WRITES];          /* the writes by the order of their answers */
  guint status[N_WRITES];
  char *location[N_WRITES];
  char *content_type[N_WRITES];
  char *tmpdir;
} Fixture;

static gboolean
gated_sync (gpointer   user_data,
            GError   **error)
{
  Gate *gate = user_data;
  gboolean refuse;

  g_mutex_lock (&gate->mutex);
  gate->n_entered++;
  g_cond_broadcast (&gate->cond);
  while (gate->n_entered == 1 && !gate->released)
    g_cond_wait (&gate->cond, &gate->mutex);
  refuse = gate->fail_from > 0 && gate->n_entered >= gate->fail_from;
  g_mutex_unlock (&gate->mutex);

  if (refuse)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "No space left on device");
      return FALSE;
    }
  return wb_store_sync (gate->store, error);
}

static guint
gate_entered (Gate *gate)
{
  guint n;

  g_mutex_lock (&gate->mutex);
  n = gate->n_entered;
  g_mutex_unlock (&gate->mutex);
  return n;
}

static void
gate_release (Gate *gate)
{
  g_mutex_lock (&gate->mutex);
  gate->released = TRUE;
  g_cond_broadcast (&gate->cond);
  g_mutex_unlock (&gate->mutex);
}

/* The route of a write: answered 201 with the new record's place, then held until the
 * write is on disk. */
static void
write_cb (SoupServer        *server,
          SoupServerMessage *msg,
          const char        *path,
          GHashTable        *query,
          gpointer           user_data)
{
  Fixture *fx = user_data;
  g_autofree char *location = g_strdup_printf ("/api/v1/notes/%u", ++fx->n_handled);

  soup_server_message_set_status (msg, SOUP_STATUS_CREATED, NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Location", location);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, "{}", 2);
  _wb_server_durable_hold (fx->durable, msg);
}

typedef struct {
  Fixture *fx;
  guint index;
} Send;

static void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Send *send = user_data;
  Fixture *fx = send->fx;
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  SoupMessageHeaders *headers;

  g_assert_no_error (error);
  g_assert_nonnull (body);
  headers = soup_message_get_response_headers (msg);
  fx->status[send->index] = soup_message_get_status (msg);
  fx->location[send->index] = g_strdup (soup_message_headers_get_one (headers, "Location"));
  fx->content_type[send->index] = g_strdup (soup_message_headers_get_content_type (headers, NULL));
  fx->order[fx->n_answered++] = send->index;
  g_free (send);
}

static void
send_write (Fixture *fx,
            guint    index)
{
  g_autoptr(SoupMessage) msg = soup_message_new_from_uri ("POST", fx->uri);
  Send *send = g_new (Send, 1);

  *send = (Send) { fx, index };
  soup_message_set_request_body_from_bytes (msg, "application/json", g_bytes_new_static ("{}", 2));
  soup_session_send_and_read_async (fx->session, msg, G_PRIORITY_DEFAULT, NULL, sent_cb, send);
}

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main context until @check holds, for at most 20 s. */
static void
spin_until (Fixture  *fx,
            gboolean (*check) (Fixture *fx))
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  guint wake = g_timeout_add (2, wake_cb, NULL);

  while (!check (fx))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (wake);
}

static gboolean
first_flush_begun (Fixture *fx)
{
  return fx->n_handled == 1 && gate_entered (&fx->gate) == 1;
}

static gboolean
all_handled (Fixture *fx)
{
  return fx->n_handled == N_WRITES;
}

static gboolean
all_answered (Fixture *fx)
{
  return fx->n_answered == N_WRITES;
}

static void
fixture_set_up (Fixture *fx)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  GSList *uris;

  memset (fx, 0, sizeof *fx);
  fx->tmpdir = g_dir_make_tmp ("wb-durable-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fx->tmpdir, "werkbrug.db", NULL);
  fx->gate.store = wb_store_open (path, &error);
  g_assert_no_error (error);
  g_mutex_init (&fx->gate.mutex);
  g_cond_init (&fx->gate.cond);

  fx->durable = _wb_server_durable_new_full (fx->gate.store, g_main_context_default (), gated_sync, &fx->gate);
  g_assert_nonnull (fx->durable);

  fx->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fx->server, "/api/v1/notes", write_cb, fx, NULL);
  g_assert_true (soup_server_listen_local (fx->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (fx->server);
  fx->uri = g_uri_parse_relative (uris->data, "/api/v1/notes", G_URI_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  fx->session = soup_session_new_with_options ("max-conns-per-host", N_WRITES * 2, NULL);
}

static void
fixture_tear_down (Fixture *fx)
{
  g_autofree char *path = g_build_filename (fx->tmpdir, "werkbrug.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_clear_object (&fx->session);
  soup_server_disconnect (fx->server);
  g_clear_object (&fx->server);
  _wb_server_durable_free (fx->durable);
  g_clear_object (&fx->gate.store);
  g_mutex_clear (&fx->gate.mutex);
  g_cond_clear (&fx->gate.cond);
  g_uri_unref (fx->uri);
  for (guint i = 0; i < N_WRITES; i++)
    {
      g_free (fx->location[i]);
      g_free (fx->content_type[i]);
    }
  g_unlink (wal);
  g_unlink (shm);
  g_unlink (path);
  g_rmdir (fx->tmpdir);
  g_free (fx->tmpdir);
}

/* The first write starts a flush; the other seven come in while it runs, are held
 * unanswered, and all share the second flush. */
static void
test_writes_during_a_flush_share_the_next (void)
{
  Fixture fx;

  fixture_set_up (&fx);
  send_write (&fx, 0);
  spin_until (&fx, first_flush_begun);
  for (guint i = 1; i < N_WRITES; i++)
    send_write (&fx, i);
  spin_until (&fx, all_handled);
  /* Nothing is answered before it is on disk, not even the first write. */
  g_assert_cmpuint (fx.n_answered, ==, 0);
  g_assert_cmpuint (_wb_server_durable_get_n_flushes (fx.durable), ==, 0);

  gate_release (&fx.gate);
  spin_until (&fx, all_answered);
  g_assert_cmpuint (_wb_server_durable_get_n_flushes (fx.durable), ==, 2);
  g_assert_cmpuint (gate_entered (&fx.gate), ==, 2);
  g_assert_cmpuint (fx.order[0], ==, 0);
  for (guint i = 0; i < N_WRITES; i++)
    {
      g_assert_cmpuint (fx.status[i], ==, SOUP_STATUS_CREATED);
      g_assert_nonnull (fx.location[i]);
    }
  fixture_tear_down (&fx);
}

/* The disk refuses the second flush: the write of the first is kept (201), the seven of
 * the second are 500 problems that do not point at a record as if it were kept. */
static void
test_a_refused_flush_answers_500 (void)
{
  Fixture fx;

  fixture_set_up (&fx);
  fx.gate.fail_from = 2;
  send_write (&fx, 0);
  spin_until (&fx, first_flush_begun);
  for (guint i = 1; i < N_WRITES; i++)
    send_write (&fx, i);
  spin_until (&fx, all_handled);

  g_test_expect_message ("wb-server-durable", G_LOG_LEVEL_CRITICAL, "*could not be put on disk: No space left on device*");
  gate_release (&fx.gate);
  spin_until (&fx, all_answered);
  g_test_assert_expected_messages ();

  g_assert_cmpuint (fx.status[0], ==, SOUP_STATUS_CREATED);
  g_assert_nonnull (fx.location[0]);
  for (guint i = 1; i < N_WRITES; i++)
    {
      g_assert_cmpuint (fx.status[i], ==, SOUP_STATUS_INTERNAL_SERVER_ERROR);
      g_assert_cmpstr (fx.content_type[i], ==, "application/problem+json");
      g_assert_null (fx.location[i]);
    }
  fixture_tear_down (&fx);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/server-durable/writes-during-a-flush-share-the-next", test_writes_during_a_flush_share_the_next);
  g_test_add_func ("/server-durable/a-refused-flush-answers-500", test_a_refused_flush_answers_500);

  return g_test_run ();
}
