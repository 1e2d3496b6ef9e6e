/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "wb-store.h"

G_BEGIN_DECLS

/* Matching weights per region, as JSON text with a version for If-Match. Returns NULL
 * (and no error) when the region has none stored yet. */
char        *wb_store_get_match_weights   (WbStore      *store,
                                           const char   *region,
                                           gint64       *version,
                                           GError      **error);
/* Stores weights; @expected_version 0 means "there were none". A stale version fails
 * with WB_STORE_ERROR_STALE. */
gboolean     wb_store_set_match_weights   (WbStore      *store,
                                           const char   *region,
                                           const char   *weights_json,
                                           gint64        user_id,
                                           gint64        expected_version,
                                           GError      **error);

typedef struct {
  gint64 id;
  gint64 user_id;
  char *kind;          /* "vacancy_for_client" or "client_for_vacancy" */
  gint64 client_id;
  gint64 vacancy_id;
  double threshold;
} WbStoreAlert;

void         wb_store_alert_free          (WbStoreAlert *alert);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WbStoreAlert, wb_store_alert_free)

gint64       wb_store_add_alert           (WbStore      *store,
                                           gint64        user_id,
                                           const char   *kind,
                                           gint64        client_id,
                                           gint64        vacancy_id,
                                           double        threshold,
                                           GError      **error);
/* Active alerts of one kind, or of one user when @user_id > 0 (all kinds). */
GPtrArray   *wb_store_list_alerts         (WbStore      *store,
                                           const char   *kind,
                                           gint64        user_id,
                                           GError      **error);
gboolean     wb_store_remove_alert        (WbStore      *store,
                                           gint64        alert_id,
                                           gint64        user_id,
                                           GError      **error);

gint64       wb_store_add_notification    (WbStore      *store,
                                           gint64        user_id,
                                           const char   *kind,
                                           const char   *title,
                                           const char   *body,
                                           const char   *resource,
                                           gint64        resource_id,
                                           gint64        alert_id,
                                           double        score,
                                           GError      **error);
/* Whether an alert already told its user about this record. */
gboolean     wb_store_alert_has_notified  (WbStore      *store,
                                           gint64        alert_id,
                                           const char   *resource,
                                           gint64        resource_id);

/* What a ranking shows of a client: the fields of the profile, the names, the name of the
 * owning organisation ("organisation") and the region of the client's municipality
 * ("region"); never the BSN, address, contact or health details. The caller removes what
 * the policy does not let the reader see. WB_STORE_ERROR_NOT_FOUND when there is none. */
JsonObject  *wb_store_get_match_client    (WbStore      *store,
                                           gint64        client_id,
                                           GError      **error);
/* What a ranking shows of a vacancy, with the employer's name ("employer") and the region
 * where the job is, that of the employer's municipality ("region"). */
JsonObject  *wb_store_get_match_vacancy   (WbStore      *store,
                                           gint64        vacancy_id,
                                           GError      **error);

G_END_DECLS
