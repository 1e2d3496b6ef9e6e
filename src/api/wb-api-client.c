/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-api-client"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "wb-api-client.h"
#include "wb-api-private.h"
#include "wb-api-tls.h"

/* The problem details travel with the error. */
typedef struct {
  WbProblem *problem;
} WbApiErrorPrivate;

static void
wb_api_error_private_init (WbApiErrorPrivate *priv)
{
  priv->problem = NULL;
}

static void
wb_api_error_private_copy (const WbApiErrorPrivate *src,
                           WbApiErrorPrivate       *dest)
{
  dest->problem = NULL;
  if (src->problem != NULL)
    {
      g_autofree char *json = wb_problem_to_json (src->problem);

      dest->problem = wb_problem_from_json (src->problem->status, json, strlen (json));
    }
}

static void
wb_api_error_private_clear (WbApiErrorPrivate *priv)
{
  g_clear_pointer (&priv->problem, wb_problem_free);
}

G_DEFINE_EXTENDED_ERROR (WbApiError, wb_api_error)

WbProblem *
wb_api_error_get_problem (const GError *error)
{
  WbApiErrorPrivate *priv;

  if (error == NULL || error->domain != WB_API_ERROR)
    return NULL;
  priv = wb_api_error_get_private (error);
  return priv != NULL ? priv->problem : NULL;
}

struct _WbApiClient
{
  GObject parent_instance;

  SoupSession *session;
  char *base_url;
  char *token;
  gboolean token_refused;   /* "session-ended" was emitted for this token */
  GTlsDatabase *ca;         /* the organisation's own certificate authority, if any */
  GMutex lock;              /* token and ca, as a worker's thread reads them (only the
                             * caller's thread writes them); and the expected page */
  /* A list's first page read ahead, with a sign-in's questions (wb_api_client_expect_list) */
  char *expected_path;
  WbResource expected_resource;
  struct ExpectedPage *expected_page;
};

G_DEFINE_FINAL_TYPE (WbApiClient, wb_api_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_TOKEN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SESSION_ENDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What a request turns its answer into. */
typedef enum {
  ANSWER_RAW,     /* JsonNode, for request_async */
  ANSWER_RECORD,  /* WbRecord */
  ANSWER_LIST,    /* ListPage */
  ANSWER_LOGIN,   /* WbRecord of the user; keeps the token */
  ANSWER_BYTES,   /* the body as it came, for exchange_async */
} AnswerKind;

typedef struct {
  SoupMessage *msg;
  AnswerKind kind;
  WbResource resource;
  char *etag;
  char *token;    /* the token the request carried */
  GTlsDatabase *ca;
  GTlsCertificate *refused_certificate;
  GTlsCertificateFlags refused_errors;
} RequestData;

typedef struct {
  GListStore *items;
  guint total;
} ListPage;

static void
request_data_free (RequestData *data)
{
  g_clear_object (&data->msg);
  g_free (data->etag);
  g_free (data->token);
  g_clear_object (&data->ca);
  g_clear_object (&data->refused_certificate);
  g_free (data);
}

static void
list_page_free (ListPage *page)
{
  g_clear_object (&page->items);
  g_free (page);
}

/* A page read ahead: its address and the token it was read with. */
typedef struct ExpectedPage {
  char *path;
  char *token;
  ListPage *page;
} ExpectedPage;

static void
expected_page_free (ExpectedPage *expected)
{
  g_free (expected->path);
  g_free (expected->token);
  g_clear_pointer (&expected->page, list_page_free);
  g_free (expected);
}

static void
wb_api_client_finalize (GObject *object)
{
  WbApiClient *self = (WbApiClient *) object;

  g_clear_object (&self->session);
  g_clear_object (&self->ca);
  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->token, g_free);
  g_clear_pointer (&self->expected_path, g_free);
  g_clear_pointer (&self->expected_page, expected_page_free);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (wb_api_client_parent_class)->finalize (object);
}

static void
wb_api_client_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  WbApiClient *self = WB_API_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;
    case PROP_TOKEN:
      g_value_set_string (value, self->token);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wb_api_client_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  WbApiClient *self = WB_API_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      {
        const char *url = g_value_get_string (value);

        /* Paths are joined to the base without a slash of their own. */
        g_free (self->base_url);
        if (url == NULL)
          self->base_url = NULL;
        else
          self->base_url = g_str_has_suffix (url, "/") ? g_strdup (url) : g_strconcat (url, "/", NULL);
      }
      break;
    case PROP_TOKEN:
      wb_api_client_set_token (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wb_api_client_class_init (WbApiClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = wb_api_client_finalize;
  object_class->get_property = wb_api_client_get_property;
  object_class->set_property = wb_api_client_set_property;

  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TOKEN] =
    g_param_spec_string ("token", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The server refused the token (it expired, was revoked, or its user deactivated):
   * emitted once per token, before the call that met it fails with 401. */
  signals[SESSION_ENDED] = g_signal_new ("session-ended", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
wb_api_client_init (WbApiClient *self)
{
  g_mutex_init (&self->lock);
  /* The change feed holds one connection open for as long as the session lasts; libsoup's
   * default of two per host would leave every other request queueing on the one left. */
  self->session = soup_session_new_with_options ("user-agent", "werkbrug/" PACKAGE_VERSION,
                                                 "timeout", 60,
                                                 "max-conns-per-host", 6,
                                                 NULL);
}

SoupSession *
_wb_api_client_get_session (WbApiClient *self)
{
  g_return_val_if_fail (WB_IS_API_CLIENT (self), NULL);
  return self->session;
}

/* Requests and answers */

static GError *
error_from_answer (guint        status,
                   const char  *reason,
                   GBytes      *body)
{
  gsize length = 0;
  const char *data = body != NULL ? g_bytes_get_data (body, &length) : NULL;
  gsize start = 0;
  WbProblem *problem;
  GError *error;
  WbApiErrorPrivate *priv;

  /* A proxy or a crashed server may answer with no body, or with HTML: only an object
   * can be problem details. */
  while (start < length && g_ascii_isspace (data[start]))
    start++;
  if (start == length || data[start] != '{')
    data = NULL;
  problem = wb_problem_from_json (status, data, length);
  if (problem->title == NULL)
    problem->title = g_strdup (reason != NULL && *reason != '\0' ? reason : soup_status_get_phrase (status));

  error = g_error_new (WB_API_ERROR, (int) status, "%s%s%s", problem->title,
                       problem->detail != NULL ? ": " : "", problem->detail != NULL ? problem->detail : "");
  priv = wb_api_error_get_private (error);
  priv->problem = problem;
  return error;
}

JsonNode *
_wb_api_parse_answer (GBytes  *body,
                      GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize length = 0;
  const char *data = g_bytes_get_data (body, &length);

  if (length == 0)
    return NULL;
  if (!json_parser_load_from_data (parser, data, length, NULL) || json_parser_get_root (parser) == NULL)
    {
      g_set_error (error, WB_API_ERROR, WB_API_ERROR_PARSE, _("The server answered something that is not JSON"));
      return NULL;
    }
  return json_node_copy (json_parser_get_root (parser));
}

static gboolean
holds_object (JsonNode  *node,
              GError   **error)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, WB_API_ERROR, WB_API_ERROR_PARSE, _("The server answered without the record"));
      return FALSE;
    }
  return TRUE;
}

/* The records of one page of a list, appended to @items; @total gets how many rows match
 * over all pages. */
static gboolean
read_list_page (WbResource   resource,
                JsonNode    *root,
                GListStore  *items,
                guint       *total,
                GError     **error)
{
  JsonObject *object;
  JsonArray *array;

  if (!holds_object (root, error))
    return FALSE;
  object = json_node_get_object (root);
  if (!json_object_has_member (object, "items") || !JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "items")))
    {
      g_set_error (error, WB_API_ERROR, WB_API_ERROR_PARSE, _("The server answered without the list"));
      return FALSE;
    }
  array = json_object_get_array_member (object, "items");
  *total = (guint) json_object_get_int_member_with_default (object, "total", 0);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      g_autoptr(WbRecord) record = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        continue;
      record = wb_record_new (resource, json_node_get_object (item));
      g_list_store_append (items, record);
    }
  return TRUE;
}

/* The error of a request that got no answer (@error, taken): cancelled as it is, a refused
 * certificate said as such, anything else as a server that cannot be reached. */
static GError *
error_from_transport (RequestData *data,
                      SoupMessage *msg,
                      GError      *error)
{
  g_autoptr(GError) cause = error;

  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_steal_pointer (&cause);
  if (data->refused_certificate != NULL || g_error_matches (cause, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE))
    {
      g_autofree char *text = wb_api_tls_describe (data->refused_certificate,
                                                   data->refused_errors != 0 ? data->refused_errors
                                                                             : G_TLS_CERTIFICATE_GENERIC_ERROR,
                                                   g_uri_get_host (soup_message_get_uri (msg)));

      return g_error_new (WB_API_ERROR, WB_API_ERROR_TLS, "%s", text);
    }
  return g_error_new (WB_API_ERROR, WB_API_ERROR_NETWORK, _("The server cannot be reached: %s"), cause->message);
}

/* A 401 to the token the client holds ends its session, once. */
static void
check_token (WbApiClient *self,
             RequestData *data,
             SoupMessage *msg)
{
  if (soup_message_get_status (msg) == SOUP_STATUS_UNAUTHORIZED && data->kind != ANSWER_LOGIN &&
      data->token != NULL && g_strcmp0 (data->token, self->token) == 0 && !self->token_refused)
    {
      self->token_refused = TRUE;
      g_signal_emit (self, signals[SESSION_ENDED], 0);
    }
}

/* The page in the answer @root, which it takes: the tree's references go on this thread,
 * before the records are handed over (json-glib counts them without atomics). */
static ListPage *
list_page_take (WbResource   resource,
                JsonNode    *root,
                GError     **error)
{
  ListPage *page = g_new0 (ListPage, 1);

  page->items = g_list_store_new (WB_TYPE_RECORD);
  if (!read_list_page (resource, root, page->items, &page->total, error))
    g_clear_pointer (&page, list_page_free);
  json_node_unref (root);
  return page;
}

/* Returns what the answer @body (NULL: none came, and @error says why) means to @task. On
 * the thread that read it: for a list a worker's, where the token is checked at the finish. */
static void
return_answer (GTask   *task,
               GBytes  *body,
               GError  *transport_error)
{
  WbApiClient *self = g_task_get_source_object (task);
  RequestData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  guint status;

  if (body == NULL)
    {
      g_task_return_error (task, error_from_transport (data, data->msg, transport_error));
      return;
    }

  status = soup_message_get_status (data->msg);
  if (status >= 300)
    {
      g_task_return_error (task, error_from_answer (status, soup_message_get_reason_phrase (data->msg), body));
      return;
    }

  if (data->kind == ANSWER_BYTES)
    {
      g_task_return_pointer (task, g_bytes_ref (body), (GDestroyNotify) g_bytes_unref);
      return;
    }

  data->etag = g_strdup (soup_message_headers_get_one (soup_message_get_response_headers (data->msg), "ETag"));
  root = _wb_api_parse_answer (body, &error);
  if (error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  switch (data->kind)
    {
    case ANSWER_RAW:
      g_task_return_pointer (task, g_steal_pointer (&root), (GDestroyNotify) json_node_unref);
      break;

    case ANSWER_RECORD:
      if (!holds_object (root, &error))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        g_task_return_pointer (task, wb_record_new (data->resource, json_node_get_object (root)), g_object_unref);
      break;

    case ANSWER_LOGIN:
      {
        JsonObject *object;

        if (!holds_object (root, &error))
          {
            g_task_return_error (task, g_steal_pointer (&error));
            break;
          }
        object = json_node_get_object (root);
        if (!json_object_has_member (object, "user") ||
            !JSON_NODE_HOLDS_OBJECT (json_object_get_member (object, "user")))
          {
            g_task_return_new_error (task, WB_API_ERROR, WB_API_ERROR_PARSE, _("The server answered without the user"));
            break;
          }
        wb_api_client_set_token (self, json_object_get_string_member_with_default (object, "token", NULL));
        g_task_return_pointer (task, wb_record_new (WB_RESOURCE_USERS, json_object_get_object_member (object, "user")),
                               g_object_unref);
      }
      break;

    case ANSWER_LIST:
      {
        ListPage *page = list_page_take (data->resource, g_steal_pointer (&root), &error);

        if (page == NULL)
          g_task_return_error (task, g_steal_pointer (&error));
        else
          g_task_return_pointer (task, page, (GDestroyNotify) list_page_free);
      }
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
on_sent_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RequestData *data = g_task_get_task_data (task);
  GError *error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);

  if (body != NULL)
    check_token (g_task_get_source_object (task), data, data->msg);
  return_answer (task, body, error);
}

static void
context_unref (gpointer context)
{
  g_main_context_unref (context);
}

/* The context a worker's thread sends on, made once for that thread and kept (libsoup ties a
 * thread's connections to it): a thread's next request can reuse its connection instead of
 * connecting, and for a region's server shaking hands, again as a new context would. */
static GMainContext *
worker_context (void)
{
  static GPrivate key = G_PRIVATE_INIT (context_unref);
  GMainContext *context = g_private_get (&key);

  if (context == NULL)
    {
      context = g_main_context_new ();
      g_private_set (&key, context);
    }
  return context;
}

/* A page of a list is read and parsed on a worker's thread: a thousand rows parsed take the
 * main thread from frames, and a launch's first page answered while the window is presented
 * is in the list before its first frame. */
static void
read_list_in_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  WbApiClient *self = source_object;
  RequestData *data = task_data;
  GError *error = NULL;
  g_autoptr(GBytes) body = NULL;

  g_main_context_push_thread_default (worker_context ());
  body = soup_session_send_and_read (self->session, data->msg, cancellable, &error);
  g_main_context_pop_thread_default (worker_context ());
  return_answer (task, body, error);
}

/* A certificate the system does not trust may still be signed by the organisation's own
 * authority (tls-ca-file): then, and only then, it is accepted. Whatever is refused is kept
 * to tell the user why. */
static gboolean
on_accept_certificate_cb (SoupMessage          *msg,
                          GTlsCertificate      *certificate,
                          GTlsCertificateFlags  errors,
                          gpointer              user_data)
{
  RequestData *data = user_data;

  if (data->ca != NULL && (errors & G_TLS_CERTIFICATE_UNKNOWN_CA))
    {
      GUri *uri = soup_message_get_uri (msg);
      g_autoptr(GSocketConnectable) identity = g_network_address_new (g_uri_get_host (uri),
                                                                      (guint16) MAX (g_uri_get_port (uri), 0));
      g_autoptr(GError) error = NULL;

      errors = g_tls_database_verify_chain (data->ca, certificate, G_TLS_DATABASE_PURPOSE_AUTHENTICATE_SERVER,
                                            identity, NULL, G_TLS_DATABASE_VERIFY_NONE, NULL, &error);
      if (error != NULL)
        {
          g_debug ("Checking against the organisation's authority: %s", error->message);
          errors |= G_TLS_CERTIFICATE_GENERIC_ERROR;
        }
      if (errors == 0)
        return TRUE;
    }
  g_set_object (&data->refused_certificate, certificate);
  data->refused_errors = errors;
  return FALSE;
}

/* A request's message (NULL when @url is no address) with the token and the organisation's
 * authority of the moment, read under the lock: a worker's thread makes requests too. */
static RequestData *
request_data_new (WbApiClient *self,
                  const char  *method,
                  const char  *url,
                  AnswerKind   kind,
                  WbResource   resource)
{
  RequestData *data = g_new0 (RequestData, 1);
  SoupMessageHeaders *headers;

  data->kind = kind;
  data->resource = resource;
  data->msg = soup_message_new (method, url);
  if (data->msg == NULL)
    return data;
  g_mutex_lock (&self->lock);
  data->ca = self->ca != NULL ? g_object_ref (self->ca) : NULL;
  data->token = g_strdup (self->token);
  g_mutex_unlock (&self->lock);
  g_signal_connect (data->msg, "accept-certificate", G_CALLBACK (on_accept_certificate_cb), data);
  headers = soup_message_get_request_headers (data->msg);
  soup_message_headers_replace (headers, "Accept", kind == ANSWER_BYTES ? "*/*" : "application/json, application/problem+json");
  if (data->token != NULL)
    {
      g_autofree char *authorization = g_strconcat ("Bearer ", data->token, NULL);

      soup_message_headers_replace (headers, "Authorization", authorization);
    }
  return data;
}

/* A request with its task; NULL when the address is not one (the task has failed then). */
static GTask *
new_request (WbApiClient         *self,
             const char          *method,
             const char          *path,
             AnswerKind           kind,
             WbResource           resource,
             gpointer             source_tag,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char *url = g_strconcat (self->base_url, path, NULL);
  RequestData *data = request_data_new (self, method, url, kind, resource);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, data, (GDestroyNotify) request_data_free);
  if (data->msg == NULL)
    {
      g_task_return_new_error (task, WB_API_ERROR, WB_API_ERROR_NETWORK, _("%s is not a valid address"), url);
      return NULL;
    }
  return g_steal_pointer (&task);
}

static void
start_request (WbApiClient *self,
               GTask       *task)
{
  RequestData *data = g_task_get_task_data (task);

  soup_session_send_and_read_async (self->session, data->msg, G_PRIORITY_DEFAULT, g_task_get_cancellable (task),
                                    on_sent_cb, task);
}

/* Requests sent from a worker's thread */

#define REQUEST_DATA_KEY "wb-api-request"

/* The rows per page when a whole list is read. */
#define LIST_ALL_PAGE 1000

SoupMessage *
_wb_api_client_new_get (WbApiClient *self,
                        const char  *path)
{
  g_autofree char *url = NULL;
  RequestData *data;

  g_return_val_if_fail (WB_IS_API_CLIENT (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  url = g_strconcat (self->base_url, path, NULL);
  data = request_data_new (self, "GET", url, ANSWER_RAW, 0);
  if (data->msg == NULL)
    {
      request_data_free (data);
      return NULL;
    }
  /* The message holds what its handlers use; the data does not hold the message. */
  g_object_set_data_full (G_OBJECT (data->msg), REQUEST_DATA_KEY, data, (GDestroyNotify) request_data_free);
  return g_steal_pointer (&data->msg);
}

GBytes *
_wb_api_client_send_sync (WbApiClient   *self,
                          SoupMessage   *msg,
                          GCancellable  *cancellable,
                          GError       **error)
{
  RequestData *data;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) body = NULL;
  guint status;

  g_return_val_if_fail (WB_IS_API_CLIENT (self), NULL);
  g_return_val_if_fail (SOUP_IS_MESSAGE (msg), NULL);

  data = g_object_get_data (G_OBJECT (msg), REQUEST_DATA_KEY);
  g_return_val_if_fail (data != NULL, NULL);
  g_main_context_push_thread_default (worker_context ());
  body = soup_session_send_and_read (self->session, msg, cancellable, &local_error);
  g_main_context_pop_thread_default (worker_context ());
  if (body == NULL)
    {
      g_propagate_error (error, error_from_transport (data, msg, g_steal_pointer (&local_error)));
      return NULL;
    }
  status = soup_message_get_status (msg);
  if (status >= 300)
    {
      g_propagate_error (error, error_from_answer (status, soup_message_get_reason_phrase (msg), body));
      return NULL;
    }
  return g_steal_pointer (&body);
}

void
_wb_api_client_check_answer (WbApiClient *self,
                             SoupMessage *msg)
{
  RequestData *data;

  g_return_if_fail (WB_IS_API_CLIENT (self));
  g_return_if_fail (SOUP_IS_MESSAGE (msg));

  data = g_object_get_data (G_OBJECT (msg), REQUEST_DATA_KEY);
  if (data != NULL)
    check_token (self, data, msg);
}

static void
send_request (WbApiClient         *self,
              const char          *method,
              const char          *path,
              JsonNode            *body,
              const char          *if_match,
              const char          *reason,
              AnswerKind           kind,
              WbResource           resource,
              gpointer             source_tag,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  GTask *task = new_request (self, method, path, kind, resource, source_tag, cancellable, callback, user_data);
  RequestData *data;
  SoupMessageHeaders *headers;

  if (task == NULL)
    return;
  data = g_task_get_task_data (task);
  headers = soup_message_get_request_headers (data->msg);
  if (if_match != NULL)
    soup_message_headers_replace (headers, "If-Match", if_match);
  if (reason != NULL)
    soup_message_headers_replace (headers, "X-Werkbrug-Reason", reason);
  if (body != NULL)
    {
      char *text = json_to_string (body, FALSE);
      g_autoptr(GBytes) bytes = g_bytes_new_take (text, strlen (text));

      soup_message_set_request_body_from_bytes (data->msg, "application/json", bytes);
    }
  start_request (self, task);
}

/* The URL name of the resource a nested resource hangs under: its parent field refers to
 * that resource's table. */
static const char *
parent_name (const WbResourceSpec *spec)
{
  const WbFieldSpec *field = wb_resource_spec_find_field (spec, spec->parent_field);

  for (guint r = 0; r < WB_N_RESOURCES; r++)
    if (g_strcmp0 (wb_resource_spec_get (r)->table, field->ref_table) == 0)
      return wb_resource_spec_get (r)->name;
  g_return_val_if_reached (field->ref_table);
}

static char *
resource_path (WbResource  resource,
               gint64      parent_id,
               gint64      id)
{
  const WbResourceSpec *spec = wb_resource_spec_get (resource);
  GString *path = g_string_new ("api/v1/");

  if (spec->parent_field != NULL)
    g_string_append_printf (path, "%s/%" G_GINT64_FORMAT "/", parent_name (spec), parent_id);
  g_string_append (path, spec->name);
  if (id > 0)
    g_string_append_printf (path, "/%" G_GINT64_FORMAT, id);
  return g_string_free (path, FALSE);
}

/* Adds ?name=value, or &name=value after the first, with @value escaped. */
void
_wb_api_append_param (GString    *path,
                      const char *name,
                      const char *value)
{
  g_autofree char *escaped = g_uri_escape_string (value, NULL, FALSE);

  g_string_append_printf (path, "%s%s=%s", strchr (path->str, '?') ? "&" : "?", name, escaped);
}

/* Adds each filter as a parameter, in the order of their names. */
void
_wb_api_append_filters (GString    *path,
                        GHashTable *filters)
{
  g_autoptr(GList) keys = NULL;

  if (filters == NULL)
    return;
  keys = g_list_sort (g_hash_table_get_keys (filters), (GCompareFunc) strcmp);
  for (GList *l = keys; l != NULL; l = l->next)
    _wb_api_append_param (path, l->data, g_hash_table_lookup (filters, l->data));
}

static char *
list_path (WbResource        resource,
           gint64            parent_id,
           const WbApiQuery *query,
           guint             page,
           guint             per_page)
{
  g_autofree char *base = resource_path (resource, parent_id, 0);
  GString *path = g_string_new (base);
  g_autofree char *page_text = g_strdup_printf ("%u", page);
  g_autofree char *per_page_text = g_strdup_printf ("%u", per_page);

  if (query != NULL && query->q != NULL && *query->q != '\0')
    _wb_api_append_param (path, "q", query->q);
  if (query != NULL && query->sort != NULL)
    _wb_api_append_param (path, "sort", query->sort);
  if (query != NULL)
    _wb_api_append_filters (path, query->filters);
  _wb_api_append_param (path, "page", page_text);
  _wb_api_append_param (path, "per_page", per_page_text);
  return g_string_free (path, FALSE);
}

/* Questions asked from a worker's thread, blocking it: the answer is read and parsed
 * there, and a 401 does not end the session (the caller's thread decides). */

/* Asks @path from a worker's thread and parses the answer there. */
static JsonNode *
get_in_thread (WbApiClient   *self,
               const char    *path,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(SoupMessage) msg = _wb_api_client_new_get (self, path);
  g_autoptr(GBytes) body = NULL;

  if (msg == NULL)
    {
      g_set_error (error, WB_API_ERROR, WB_API_ERROR_NETWORK, _("%s is not a valid address"), path);
      return NULL;
    }
  body = _wb_api_client_send_sync (self, msg, cancellable, error);
  if (body == NULL)
    return NULL;
  return _wb_api_parse_answer (body, error);
}

WbRecord *
wb_api_client_me (WbApiClient   *self,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (WB_IS_API_CLIENT (self), NULL);

  root = get_in_thread (self, "api/v1/me", cancellable, &local_error);
  if (local_error != NULL || !holds_object (root, &local_error))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return wb_record_new (WB_RESOURCE_USERS, json_node_get_object (root));
}

GListModel *
wb_api_client_list_all (WbApiClient   *self,
                        WbResource     resource,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(GListStore) items = NULL;

  g_return_val_if_fail (WB_IS_API_CLIENT (self), NULL);
  g_return_val_if_fail (resource < WB_N_RESOURCES, NULL);

  items = g_list_store_new (WB_TYPE_RECORD);
  for (guint page = 1;; page++)
    {
      g_autofree char *path = list_path (resource, 0, NULL, page, LIST_ALL_PAGE);
      g_autoptr(GError) local_error = NULL;
      g_autoptr(JsonNode) root = get_in_thread (self, path, cancellable, &local_error);
      guint before = g_list_model_get_n_items (G_LIST_MODEL (items));
      guint total = 0;

      if (local_error != NULL || !read_list_page (resource, root, items, &total, &local_error))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (g_list_model_get_n_items (G_LIST_MODEL (items)) == before ||
          g_list_model_get_n_items (G_LIST_MODEL (items)) >= total)
        return G_LIST_MODEL (g_steal_pointer (&items));
    }
}

/* The first page of a list, read ahead */

void
wb_api_client_expect_list (WbApiClient      *self,
                           WbResource        resource,
                           const WbApiQuery *query)
{
  g_autofree char *path = NULL;

  g_return_if_fail (WB_IS_API_CLIENT (self));
  g_return_if_fail (resource < WB_N_RESOURCES);
  g_return_if_fail (query != NULL && query->page > 0 && query->per_page > 0);

  path = list_path (resource, 0, query, query->page, query->per_page);
  g_mutex_lock (&self->lock);
  g_free (self->expected_path);
  self->expected_path = g_steal_pointer (&path);
  self->expected_resource = resource;
  g_clear_pointer (&self->expected_page, expected_page_free);
  g_mutex_unlock (&self->lock);
}

void
wb_api_client_read_expected (WbApiClient  *self,
                             GCancellable *cancellable)
{
  g_autofree char *path = NULL;
  g_autofree char *token = NULL;
  JsonNode *root;
  ExpectedPage *expected;
  WbResource resource;
  ListPage *page;

  g_return_if_fail (WB_IS_API_CLIENT (self));

  g_mutex_lock (&self->lock);
  path = g_strdup (self->expected_path);
  token = g_strdup (self->token);
  resource = self->expected_resource;
  g_mutex_unlock (&self->lock);
  if (path == NULL || token == NULL)
    return;

  /* Whatever goes wrong here, the list asks again itself and says what went wrong then. */
  root = get_in_thread (self, path, cancellable, NULL);
  page = root != NULL ? list_page_take (resource, root, NULL) : NULL;
  if (page == NULL)
    return;

  expected = g_new0 (ExpectedPage, 1);
  expected->path = g_steal_pointer (&path);
  expected->token = g_steal_pointer (&token);
  expected->page = page;
  g_mutex_lock (&self->lock);
  /* Another list expected meanwhile: this page is not it. */
  if (g_strcmp0 (self->expected_path, expected->path) == 0)
    {
      g_clear_pointer (&self->expected_page, expected_page_free);
      self->expected_page = g_steal_pointer (&expected);
    }
  g_mutex_unlock (&self->lock);
  g_clear_pointer (&expected, expected_page_free);
}

/* The page read ahead for @path with the token used now, once; the expectation ends with
 * the first list asked, whichever it is. */
static ListPage *
take_expected_page (WbApiClient *self,
                    const char  *path)
{
  ExpectedPage *expected;
  ListPage *page = NULL;

  g_mutex_lock (&self->lock);
  expected = g_steal_pointer (&self->expected_page);
  g_clear_pointer (&self->expected_path, g_free);
  g_mutex_unlock (&self->lock);
  if (expected == NULL)
    return NULL;
  if (g_str_equal (expected->path, path) && g_strcmp0 (expected->token, self->token) == 0)
    page = g_steal_pointer (&expected->page);
  g_clear_pointer (&expected, expected_page_free);
  return page;
}

/* The pointer of a task of @self that @source_tag started. */
gpointer
_wb_api_finish_pointer (WbApiClient   *self,
                        GAsyncResult  *result,
                        gpointer       source_tag,
                        GError       **error)
{
  g_return_val_if_fail (WB_IS_API_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Public API */

WbApiClient *
wb_api_client_new (const char *base_url)
{
  g_return_val_if_fail (base_url != NULL, NULL);

  return g_object_new (WB_TYPE_API_CLIENT, "base-url", base_url, NULL);
}

const char *
wb_api_client_get_base_url (WbApiClient *self)
{
  g_return_val_if_fail (WB_IS_API_CLIENT (self), NULL);
  return self->base_url;
}

const char *
wb_api_client_get_token (WbApiClient *self)
{
  g_return_val_if_fail (WB_IS_API_CLIENT (self), NULL);
  return self->token;
}

gboolean
wb_api_client_set_tls_ca_file (WbApiClient  *self,
                               const char   *path,
                               GError      **error)
{
  g_autoptr(GTlsDatabase) ca = NULL;

  g_return_val_if_fail (WB_IS_API_CLIENT (self), FALSE);

  if (path != NULL && *path != '\0')
    {
      g_autoptr(GError) local = NULL;

      ca = g_tls_file_database_new (path, &local);
      if (ca == NULL)
        {
          g_set_error (error, WB_API_ERROR, WB_API_ERROR_TLS,
                       _("The organisation’s certificate authority (tls-ca-file %s) cannot be read: %s"),
                       path, local->message);
          return FALSE;
        }
    }
  g_mutex_lock (&self->lock);
  g_set_object (&self->ca, ca);
  g_mutex_unlock (&self->lock);
  return TRUE;
}

void
wb_api_client_set_token (WbApiClient *self,
                         const char  *token)
{
  g_return_if_fail (WB_IS_API_CLIENT (self));

  if (g_strcmp0 (self->token, token) == 0)
    return;
  g_mutex_lock (&self->lock);
  g_free (self->token);
  self->token = g_strdup (token);
  g_mutex_unlock (&self->lock);
  self->token_refused = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TOKEN]);
}

void
wb_api_client_login_async (WbApiClient         *self,
                           const char          *username,
                           const char          *password,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonNode) body = NULL;

  g_return_if_fail (WB_IS_API_CLIENT (self));
  g_return_if_fail (username != NULL && password != NULL);

  json_object_set_string_member (object, "username", username);
  json_object_set_string_member (object, "password", password);
  body = json_node_init_object (json_node_alloc (), object);
  send_request (self, "POST", "api/v1/session", body, NULL, NULL, ANSWER_LOGIN, WB_RESOURCE_USERS,
                wb_api_client_login_async, cancellable, callback, user_data);
}

WbRecord *
wb_api_client_login_finish (WbApiClient   *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  return _wb_api_finish_pointer (self, result, wb_api_client_login_async, error);
}

void
wb_api_client_logout_async (WbApiClient         *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (WB_IS_API_CLIENT (self));

  send_request (self, "DELETE", "api/v1/session", NULL, NULL, NULL, ANSWER_RAW, WB_RESOURCE_USERS,
                wb_api_client_logout_async, cancellable, callback, user_data);
}

gboolean
wb_api_client_logout_finish (WbApiClient   *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) node = _wb_api_finish_pointer (self, result, wb_api_client_logout_async, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  wb_api_client_set_token (self, NULL);
  return TRUE;
}

void
wb_api_client_me_async (WbApiClient         *self,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_return_if_fail (WB_IS_API_CLIENT (self));

  send_request (self, "GET", "api/v1/me", NULL, NULL, NULL, ANSWER_RECORD, WB_RESOURCE_USERS,
                wb_api_client_me_async, cancellable, callback, user_data);
}

WbRecord *
wb_api_client_me_finish (WbApiClient   *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  return _wb_api_finish_pointer (self, result, wb_api_client_me_async, error);
}

void
wb_api_client_list_async (WbApiClient         *self,
                          WbResource           resource,
                          gint64               parent_id,
                          const WbApiQuery    *query,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autofree char *path = NULL;
  g_autoptr(GTask) task = NULL;
  ListPage *page;

  g_return_if_fail (WB_IS_API_CLIENT (self));
  g_return_if_fail (resource < WB_N_RESOURCES);

  path = list_path (resource, parent_id, query,
                    query != NULL && query->page > 0 ? query->page : 1,
                    query != NULL && query->per_page > 0 ? query->per_page : 50);
  task = new_request (self, "GET", path, ANSWER_LIST, resource, wb_api_client_list_async, cancellable, callback,
                      user_data);
  if (task == NULL)
    return;
  page = take_expected_page (self, path);
  if (page != NULL)
    g_task_return_pointer (task, page, (GDestroyNotify) list_page_free);
  else
    g_task_run_in_thread (task, read_list_in_thread);
}

GListModel *
wb_api_client_list_finish (WbApiClient   *self,
                           GAsyncResult  *result,
                           guint         *total,
                           GError       **error)
{
  ListPage *page = _wb_api_finish_pointer (self, result, wb_api_client_list_async, error);
  RequestData *data = g_task_get_task_data (G_TASK (result));
  GListModel *items;

  /* Read on a worker's thread: a refused token ends the session here, on the caller's. */
  check_token (self, data, data->msg);
  if (page == NULL)
    return NULL;
  if (total != NULL)
    *total = page->total;
  items = G_LIST_MODEL (g_steal_pointer (&page->items));
  list_page_free (page);
  return items;
}

/* Paging through a whole list */

typedef struct {
  WbResource resource;
  gint64 parent_id;
  char *q;
  char *sort;
  GHashTable *filters;
  guint page;
  GListStore *items;
  WbApiProgress progress;
  gpointer progress_data;
} ListAllData;

static void
list_all_data_free (ListAllData *data)
{
  g_free (data->q);
  g_free (data->sort);
  g_clear_pointer (&data->filters, g_hash_table_unref);
  g_clear_object (&data->items);
  g_free (data);
}

static void fetch_next_page (GTask *task);

static void
on_page_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ListAllData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) page = NULL;
  guint total = 0, n;

  page = wb_api_client_list_finish (WB_API_CLIENT (source), result, &total, &error);
  if (page == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  n = g_list_model_get_n_items (page);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (page, i);
      g_list_store_append (data->items, item);
    }
  if (data->progress != NULL)
    data->progress (g_list_model_get_n_items (G_LIST_MODEL (data->items)), total, data->progress_data);

  if (n == 0 || g_list_model_get_n_items (G_LIST_MODEL (data->items)) >= total)
    {
      g_task_return_pointer (task, g_object_ref (data->items), g_object_unref);
      return;
    }
  data->page++;
  fetch_next_page (g_steal_pointer (&task));
}

static void
fetch_next_page (GTask *task)
{
  ListAllData *data = g_task_get_task_data (task);
  WbApiQuery query = { data->q, data->sort, data->page, LIST_ALL_PAGE, data->filters };

  wb_api_client_list_async (g_task_get_source_object (task), data->resource, data->parent_id, &query,
                            g_task_get_cancellable (task), on_page_cb, task);
}

void
wb_api_client_list_all_async (WbApiClient         *self,
                              WbResource           resource,
                              gint64               parent_id,
                              const WbApiQuery    *query,
                              WbApiProgress        progress,
                              gpointer             progress_data,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task;
  ListAllData *data;

  g_return_if_fail (WB_IS_API_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, wb_api_client_list_all_async);
  data = g_new0 (ListAllData, 1);
  data->resource = resource;
  data->parent_id = parent_id;
  data->page = 1;
  data->items = g_list_store_new (WB_TYPE_RECORD);
  data->progress = progress;
  data->progress_data = progress_data;
  if (query != NULL)
    {
      data->q = g_strdup (query->q);
      data->sort = g_strdup (query->sort);
      data->filters = query->filters != NULL ? g_hash_table_ref (query->filters) : NULL;
    }
  g_task_set_task_data (task, data, (GDestroyNotify) list_all_data_free);
  fetch_next_page (task);
}

GListModel *
wb_api_client_list_all_finish (WbApiClient   *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return _wb_api_finish_pointer (self, result, wb_api_client_list_all_async, error);
}

void
wb_api_client_get_async (WbApiClient         *self,
                         WbResource           resource,
                         gint64               id,
                         const char          *reason,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (WB_IS_API_CLIENT (self));
  g_return_if_fail (wb_resource_spec_get (resource)->parent_field == NULL);

  path = resource_path (resource, 0, id);
  send_request (self, "GET", path, NULL, NULL, reason, ANSWER_RECORD, resource,
                wb_api_client_get_async, cancellable, callback, user_data);
}

WbRecord *
wb_api_client_get_finish (WbApiClient   *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  return _wb_api_finish_pointer (self, result, wb_api_client_get_async, error);
}

void
wb_api_client_create_async (WbApiClient         *self,
                            WbResource           resource,
                            gint64               parent_id,
                            JsonObject          *object,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autofree char *path = NULL;
  g_autoptr(JsonNode) body = NULL;

  g_return_if_fail (WB_IS_API_CLIENT (self));
  g_return_if_fail (object != NULL);

  path = resource_path (resource, parent_id, 0);
  body = json_node_init_object (json_node_alloc (), object);
  send_request (self, "POST", path, body, NULL, NULL, ANSWER_RECORD, resource,
                wb_api_client_create_async, cancellable, callback, user_data);
}

WbRecord *
wb_api_client_create_finish (WbApiClient   *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return _wb_api_finish_pointer (self, result, wb_api_client_create_async, error);
}

void
wb_api_client_update_async (WbApiClient         *self,
                            WbResource           resource,
                            gint64               id,
                            const char          *etag,
                            JsonObject          *changes,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autofree char *path = NULL;
  g_autoptr(JsonNode) body = NULL;

  g_return_if_fail (WB_IS_API_CLIENT (self));
  g_return_if_fail (changes != NULL);

  path = resource_path (resource, 0, id);
  body = json_node_init_object (json_node_alloc (), changes);
  send_request (self, "PATCH", path, body, etag, NULL, ANSWER_RECORD, resource,
                wb_api_client_update_async, cancellable, callback, user_data);
}

WbRecord *
wb_api_client_update_finish (WbApiClient   *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  return _wb_api_finish_pointer (self, result, wb_api_client_update_async, error);
}

void
wb_api_client_request_async (WbApiClient         *self,
                             const char          *method,
                             const char          *path,
                             JsonNode            *body,
                             const char          *if_match,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (WB_IS_API_CLIENT (self));
  g_return_if_fail (method != NULL && path != NULL);

  send_request (self, method, path, body, if_match, NULL, ANSWER_RAW, WB_N_RESOURCES,
                wb_api_client_request_async, cancellable, callback, user_data);
}

JsonNode *
wb_api_client_request_finish (WbApiClient   *self,
                              GAsyncResult  *result,
                              char         **etag,
                              GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonNode *node;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  node = _wb_api_finish_pointer (self, result, wb_api_client_request_async, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (etag != NULL)
    *etag = g_strdup (((RequestData *) g_task_get_task_data (G_TASK (result)))->etag);
  return node;
}

void
wb_api_client_exchange_async (WbApiClient         *self,
                              const char          *method,
                              const char          *path,
                              const char          *content_type,
                              GBytes              *body,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (WB_IS_API_CLIENT (self));
  g_return_if_fail (method != NULL && path != NULL);

  task = new_request (self, method, path, ANSWER_BYTES, WB_N_RESOURCES, wb_api_client_exchange_async,
                      cancellable, callback, user_data);
  if (task == NULL)
    return;
  if (body != NULL)
    soup_message_set_request_body_from_bytes (((RequestData *) g_task_get_task_data (task))->msg,
                                              content_type != NULL ? content_type : "application/octet-stream", body);
  start_request (self, task);
}

GBytes *
wb_api_client_exchange_finish (WbApiClient         *self,
                               GAsyncResult        *result,
                               SoupMessageHeaders **headers,
                               GError             **error)
{
  GBytes *bytes = _wb_api_finish_pointer (self, result, wb_api_client_exchange_async, error);

  if (bytes != NULL && headers != NULL)
    *headers = soup_message_headers_ref (soup_message_get_response_headers (
                 ((RequestData *) g_task_get_task_data (G_TASK (result)))->msg));
  return bytes;
}
