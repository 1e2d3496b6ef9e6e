/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-api-accounts"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "wb-api-accounts.h"
#include "wb-api-private.h"

#define PAGE_SIZE 500

/* Paths */

static char *
path_with_filters (const char *base,
                   GHashTable *filters)
{
  GString *path = g_string_new (base);

  _wb_api_append_filters (path, filters);
  return g_string_free (path, FALSE);
}

static gboolean
object_of (JsonNode    *node,
           JsonObject **object,
           GError     **error)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, WB_API_ERROR, WB_API_ERROR_PARSE, _("The server answered without the record"));
      return FALSE;
    }
  *object = json_node_get_object (node);
  return TRUE;
}

static JsonObject *
parse_object (GBytes  *bytes,
              GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize length = 0;
  const char *data = bytes != NULL ? g_bytes_get_data (bytes, &length) : NULL;
  JsonObject *object;

  if (data == NULL || length == 0 || !json_parser_load_from_data (parser, data, length, NULL) ||
      !object_of (json_parser_get_root (parser), &object, NULL))
    {
      g_set_error (error, WB_API_ERROR, WB_API_ERROR_PARSE, _("The server answered something that is not JSON"));
      return NULL;
    }
  return json_object_ref (object);
}

/* Every page of a list that is not a plain resource: /accounts, /reviews. */

typedef struct {
  char *base;
  guint page;
  guint per_page;      /* with one_page: the size of that page */
  gboolean one_page;
  guint total;
  GListStore *items;
  WbApiProgress progress;
  gpointer progress_data;
} Pages;

static void
pages_free (Pages *pages)
{
  g_free (pages->base);
  g_clear_object (&pages->items);
  g_free (pages);
}

static void fetch_page (GTask *task);

static void
on_page_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Pages *pages = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = wb_api_client_request_finish (WB_API_CLIENT (source), result, NULL, &error);
  g_autoptr(GPtrArray) records = NULL;
  JsonObject *object;
  JsonArray *items;
  guint total, n, loaded;

  if (root == NULL && error == NULL)
    g_set_error (&error, WB_API_ERROR, WB_API_ERROR_PARSE, _("The server answered without the list"));
  if (error != NULL || !object_of (root, &object, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!json_object_has_member (object, "items") || !JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "items")))
    {
      g_task_return_new_error (task, WB_API_ERROR, WB_API_ERROR_PARSE, _("The server answered without the list"));
      return;
    }

  items = json_object_get_array_member (object, "items");
  total = (guint) json_object_get_int_member_with_default (object, "total", 0);
  n = json_array_get_length (items);
  records = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *item = json_array_get_element (items, i);

      if (JSON_NODE_HOLDS_OBJECT (item))
        g_ptr_array_add (records, wb_record_new (WB_RESOURCE_EMPLOYERS, json_node_get_object (item)));
    }
  g_list_store_splice (pages->items, g_list_model_get_n_items (G_LIST_MODEL (pages->items)), 0,
                       records->pdata, records->len);

  loaded = g_list_model_get_n_items (G_LIST_MODEL (pages->items));
  pages->total = total;
  if (pages->progress != NULL)
    pages->progress (loaded, total, pages->progress_data);
  if (n == 0 || loaded >= total || pages->one_page)
    {
      g_task_return_pointer (task, g_object_ref (pages->items), g_object_unref);
      return;
    }
  pages->page++;
  fetch_page (g_steal_pointer (&task));
}

static void
fetch_page (GTask *task)
{
  Pages *pages = g_task_get_task_data (task);
  g_autoptr(GString) path = g_string_new (pages->base);
  g_autofree char *page = g_strdup_printf ("%u", pages->page);
  g_autofree char *per_page = g_strdup_printf ("%u", pages->one_page ? pages->per_page : PAGE_SIZE);

  _wb_api_append_param (path, "page", page);
  _wb_api_append_param (path, "per_page", per_page);
  wb_api_client_request_async (g_task_get_source_object (task), "GET", path->str, NULL, NULL,
                               g_task_get_cancellable (task), on_page_cb, task);
}

static void
list_pages (WbApiClient         *api,
            char                *base,
            WbApiProgress        progress,
            gpointer             progress_data,
            gpointer             source_tag,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  GTask *task = g_task_new (api, cancellable, callback, user_data);
  Pages *pages = g_new0 (Pages, 1);

  g_task_set_source_tag (task, source_tag);
  pages->base = base;
  pages->page = 1;
  pages->items = g_list_store_new (WB_TYPE_RECORD);
  pages->progress = progress;
  pages->progress_data = progress_data;
  g_task_set_task_data (task, pages, (GDestroyNotify) pages_free);
  fetch_page (task);
}

/* A single JSON record out of wb_api_client_request_async. */

static void
on_record_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = wb_api_client_request_finish (WB_API_CLIENT (source), result, NULL, &error);
  JsonObject *object;

  if (error != NULL || !object_of (root, &object, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, wb_record_new (WB_RESOURCE_EMPLOYERS, object), g_object_unref);
}

static void
request_record (WbApiClient         *api,
                const char          *method,
                const char          *path,
                JsonObject          *body,
                const char          *if_match,
                gpointer             source_tag,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  GTask *task = g_task_new (api, cancellable, callback, user_data);
  g_autoptr(JsonNode) node = NULL;

  g_task_set_source_tag (task, source_tag);
  if (body != NULL)
    node = json_node_init_object (json_node_alloc (), body);
  wb_api_client_request_async (api, method, path, node, if_match, cancellable, on_record_cb, task);
}

/* The account list */

void
wb_api_accounts_list_async (WbApiClient         *api,
                            GHashTable          *filters,
                            WbApiProgress        progress,
                            gpointer             progress_data,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (WB_IS_API_CLIENT (api));

  list_pages (api, path_with_filters ("api/v1/accounts", filters), progress, progress_data,
              wb_api_accounts_list_async, cancellable, callback, user_data);
}

GListModel *
wb_api_accounts_list_finish (WbApiClient   *api,
                             GAsyncResult  *result,
                             GError       **error)
{
  return _wb_api_finish_pointer (api, result, wb_api_accounts_list_async, error);
}

void
wb_api_accounts_page_async (WbApiClient         *api,
                            const char          *path,
                            GHashTable          *filters,
                            guint                page,
                            guint                per_page,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task;
  Pages *pages;

  g_return_if_fail (WB_IS_API_CLIENT (api));
  g_return_if_fail (path != NULL);
  g_return_if_fail (page > 0 && per_page > 0 && per_page <= 1000);

  /* One page: the task is under way before its data are set, but the request goes out
   * from the main loop, after this returns. */
  task = g_task_new (api, cancellable, callback, user_data);
  g_task_set_source_tag (task, wb_api_accounts_page_async);
  pages = g_new0 (Pages, 1);
  pages->base = path_with_filters (path, filters);
  pages->page = page;
  pages->per_page = per_page;
  pages->one_page = TRUE;
  pages->items = g_list_store_new (WB_TYPE_RECORD);
  g_task_set_task_data (task, pages, (GDestroyNotify) pages_free);
  fetch_page (task);
}

GListModel *
wb_api_accounts_page_finish (WbApiClient   *api,
                             GAsyncResult  *result,
                             guint         *total,
                             GError       **error)
{
  Pages *pages = g_task_get_task_data (G_TASK (result));

  if (total != NULL)
    *total = pages->total;
  return _wb_api_finish_pointer (api, result, wb_api_accounts_page_async, error);
}

void
wb_api_accounts_list_page_async (WbApiClient         *api,
                                 GHashTable          *filters,
                                 guint                page,
                                 guint                per_page,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  wb_api_accounts_page_async (api, "api/v1/accounts", filters, page, per_page, cancellable, callback, user_data);
}

GListModel *
wb_api_accounts_list_page_finish (WbApiClient   *api,
                                  GAsyncResult  *result,
                                  guint         *total,
                                  GError       **error)
{
  return wb_api_accounts_page_finish (api, result, total, error);
}

typedef struct {
  GBytes *bytes;
  char *filename;
} Download;

static void
download_free (Download *download)
{
  g_clear_pointer (&download->bytes, g_bytes_unref);
  g_free (download->filename);
  g_free (download);
}

static void
on_exported_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupMessageHeaders) headers = NULL;
  g_autoptr(GBytes) bytes = wb_api_client_exchange_finish (WB_API_CLIENT (source), result, &headers, &error);
  g_autoptr(GHashTable) params = NULL;
  Download *download;

  if (bytes == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  download = g_new0 (Download, 1);
  download->bytes = g_steal_pointer (&bytes);
  if (soup_message_headers_get_content_disposition (headers, NULL, &params) && params != NULL)
    {
      /* Only the name: a path in it is the server's business, not a place to write. */
      const char *name = g_hash_table_lookup (params, "filename");

      if (name != NULL && *name != '\0')
        download->filename = g_path_get_basename (name);
    }
  g_task_return_pointer (task, download, (GDestroyNotify) download_free);
}

void
wb_api_accounts_export_async (WbApiClient         *api,
                              GHashTable          *filters,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task;
  g_autofree char *path = NULL;

  g_return_if_fail (WB_IS_API_CLIENT (api));

  task = g_task_new (api, cancellable, callback, user_data);
  g_task_set_source_tag (task, wb_api_accounts_export_async);
  path = path_with_filters ("api/v1/accounts/export.csv", filters);
  wb_api_client_exchange_async (api, "GET", path, NULL, NULL, cancellable, on_exported_cb, task);
}

GBytes *
wb_api_accounts_export_finish (WbApiClient   *api,
                               GAsyncResult  *result,
                               char         **filename,
                               GError       **error)
{
  Download *download = _wb_api_finish_pointer (api, result, wb_api_accounts_export_async, error);
  GBytes *bytes;

  if (download == NULL)
    return NULL;
  if (filename != NULL)
    *filename = g_steal_pointer (&download->filename);
  bytes = g_steal_pointer (&download->bytes);
  download_free (download);
  return bytes;
}

void
wb_api_accounts_get_rule_async (WbApiClient         *api,
                                gint64               employer_id,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (WB_IS_API_CLIENT (api));
  g_return_if_fail (employer_id > 0);

  path = g_strdup_printf ("api/v1/employers/%" G_GINT64_FORMAT "/rule", employer_id);
  request_record (api, "GET", path, NULL, NULL, wb_api_accounts_get_rule_async, cancellable, callback, user_data);
}

WbRecord *
wb_api_accounts_get_rule_finish (WbApiClient   *api,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return _wb_api_finish_pointer (api, result, wb_api_accounts_get_rule_async, error);
}

/* The contact log */

typedef struct {
  WbRecord *record;
  char *warning;
} Logged;

static void
logged_free (Logged *logged)
{
  g_clear_object (&logged->record);
  g_free (logged->warning);
  g_free (logged);
}

static void
on_contact_logged_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(SoupMessageHeaders) headers = NULL;
  g_autoptr(GBytes) bytes = wb_api_client_exchange_finish (WB_API_CLIENT (source), result, &headers, &error);
  g_autoptr(JsonObject) object = NULL;
  const char *warning;
  Logged *logged;

  if (bytes == NULL || (object = parse_object (bytes, &error)) == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  logged = g_new0 (Logged, 1);
  logged->record = wb_record_new (WB_RESOURCE_CONTACT_LOG, object);
  /* The header is ASCII; what is not comes percent-encoded. */
  warning = soup_message_headers_get_one (headers, "X-Werkbrug-Warning");
  if (warning != NULL)
    logged->warning = g_uri_unescape_string (warning, NULL);
  if (warning != NULL && logged->warning == NULL)
    logged->warning = g_strdup (warning);
  g_task_return_pointer (task, logged, (GDestroyNotify) logged_free);
}

void
wb_api_accounts_log_contact_async (WbApiClient         *api,
                                   gint64               employer_id,
                                   JsonObject          *entry,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GBytes) body = NULL;
  GTask *task;
  char *text;

  g_return_if_fail (WB_IS_API_CLIENT (api));
  g_return_if_fail (employer_id > 0);
  g_return_if_fail (entry != NULL);

  task = g_task_new (api, cancellable, callback, user_data);
  g_task_set_source_tag (task, wb_api_accounts_log_contact_async);
  node = json_node_init_object (json_node_alloc (), entry);
  text = json_to_string (node, FALSE);
  body = g_bytes_new_take (text, strlen (text));
  path = g_strdup_printf ("api/v1/employers/%" G_GINT64_FORMAT "/contact-log", employer_id);
  wb_api_client_exchange_async (api, "POST", path, "application/json", body, cancellable,
                                on_contact_logged_cb, task);
}

WbRecord *
wb_api_accounts_log_contact_finish (WbApiClient   *api,
                                    GAsyncResult  *result,
                                    char         **warning,
                                    GError       **error)
{
  Logged *logged = _wb_api_finish_pointer (api, result, wb_api_accounts_log_contact_async, error);
  WbRecord *record;

  if (logged == NULL)
    return NULL;
  if (warning != NULL)
    *warning = g_steal_pointer (&logged->warning);
  record = g_steal_pointer (&logged->record);
  logged_free (logged);
  return record;
}

/* Importing employers */

static void
on_imported_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = wb_api_client_exchange_finish (WB_API_CLIENT (source), result, NULL, &error);
  JsonObject *report;

  if (bytes == NULL || (report = parse_object (bytes, &error)) == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, report, (GDestroyNotify) json_object_unref);
}

void
wb_api_accounts_import_async (WbApiClient         *api,
                              GBytes              *csv,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (WB_IS_API_CLIENT (api));
  g_return_if_fail (csv != NULL);

  task = g_task_new (api, cancellable, callback, user_data);
  g_task_set_source_tag (task, wb_api_accounts_import_async);
  wb_api_client_exchange_async (api, "POST", "api/v1/employers/import", "text/csv; charset=utf-8", csv,
                                cancellable, on_imported_cb, task);
}

JsonObject *
wb_api_accounts_import_finish (WbApiClient   *api,
                               GAsyncResult  *result,
                               GError       **error)
{
  return _wb_api_finish_pointer (api, result, wb_api_accounts_import_async, error);
}

/* The review queue */

void
wb_api_reviews_list_async (WbApiClient         *api,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (WB_IS_API_CLIENT (api));

  list_pages (api, g_strdup ("api/v1/reviews"), NULL, NULL, wb_api_reviews_list_async,
              cancellable, callback, user_data);
}

GListModel *
wb_api_reviews_list_finish (WbApiClient   *api,
                            GAsyncResult  *result,
                            GError       **error)
{
  return _wb_api_finish_pointer (api, result, wb_api_reviews_list_async, error);
}

void
wb_api_reviews_decide_async (WbApiClient         *api,
                             gint64               review_id,
                             const char          *etag,
                             JsonObject          *decision,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (WB_IS_API_CLIENT (api));
  g_return_if_fail (review_id > 0);
  g_return_if_fail (decision != NULL);

  path = g_strdup_printf ("api/v1/reviews/%" G_GINT64_FORMAT "/decision", review_id);
  request_record (api, "POST", path, decision, etag, wb_api_reviews_decide_async, cancellable, callback, user_data);
}

WbRecord *
wb_api_reviews_decide_finish (WbApiClient   *api,
                              GAsyncResult  *result,
                              GError       **error)
{
  return _wb_api_finish_pointer (api, result, wb_api_reviews_decide_async, error);
}

/* Notifications */

typedef struct {
  GListStore *items;
  guint total;
} NotificationPage;

static void
notification_page_free (NotificationPage *page)
{
  g_clear_object (&page->items);
  g_free (page);
}

static void
on_notifications_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = wb_api_client_request_finish (WB_API_CLIENT (source), result, NULL, &error);
  NotificationPage *page;
  JsonObject *object;
  JsonArray *items;

  if (error != NULL || !object_of (root, &object, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  items = json_object_get_array_member (object, "items");
  if (items == NULL)
    {
      g_task_return_new_error (task, WB_API_ERROR, WB_API_ERROR_PARSE, _("The server answered without the list"));
      return;
    }
  page = g_new0 (NotificationPage, 1);
  page->items = g_list_store_new (WB_TYPE_RECORD);
  page->total = (guint) json_object_get_int_member_with_default (object, "total", 0);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonNode *item = json_array_get_element (items, i);
      g_autoptr(WbRecord) record = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        continue;
      record = wb_record_new (WB_RESOURCE_EMPLOYERS, json_node_get_object (item));
      g_list_store_append (page->items, record);
    }
  g_task_return_pointer (task, page, (GDestroyNotify) notification_page_free);
}

void
wb_api_notifications_list_async (WbApiClient         *api,
                                 gboolean             unread_only,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (WB_IS_API_CLIENT (api));

  task = g_task_new (api, cancellable, callback, user_data);
  g_task_set_source_tag (task, wb_api_notifications_list_async);
  wb_api_client_request_async (api, "GET",
                               unread_only ? "api/v1/notifications?unread=true&per_page=100"
                                           : "api/v1/notifications?per_page=100",
                               NULL, NULL, cancellable, on_notifications_cb, task);
}

GListModel *
wb_api_notifications_list_finish (WbApiClient   *api,
                                  GAsyncResult  *result,
                                  guint         *total,
                                  GError       **error)
{
  NotificationPage *page = _wb_api_finish_pointer (api, result, wb_api_notifications_list_async, error);
  GListModel *items;

  if (page == NULL)
    return NULL;
  if (total != NULL)
    *total = page->total;
  items = G_LIST_MODEL (g_steal_pointer (&page->items));
  notification_page_free (page);
  return items;
}

void
wb_api_notifications_mark_read_async (WbApiClient         *api,
                                      gint64               notification_id,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (WB_IS_API_CLIENT (api));
  g_return_if_fail (notification_id > 0);

  path = g_strdup_printf ("api/v1/notifications/%" G_GINT64_FORMAT "/read", notification_id);
  request_record (api, "POST", path, NULL, NULL, wb_api_notifications_mark_read_async, cancellable, callback, user_data);
}

WbRecord *
wb_api_notifications_mark_read_finish (WbApiClient   *api,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  return _wb_api_finish_pointer (api, result, wb_api_notifications_mark_read_async, error);
}
