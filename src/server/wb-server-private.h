/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <libsoup/soup.h>

#include "wb-server.h"

G_BEGIN_DECLS

typedef struct _WbServerMatching WbServerMatching;
typedef struct _WbServerAccounts WbServerAccounts;

struct _WbServer
{
  GObject parent_instance;

  WbStore *store;
  SoupServer *soup;
  char *dummy_hash;  /* verified against when a username is unknown, so timing tells nothing */
  WbServerMatching *matching;
  WbServerAccounts *accounts;
};

/* Who asks: the user behind the bearer token. */
typedef struct {
  gint64 id;
  gint64 organisation_id;
  WbRole role;
} WbCaller;

/* One request as the router sees it: /api/v1/<resource>[/<id>[/<child>[/<child_id>]]] */
typedef struct {
  WbServer *server;
  SoupServerMessage *msg;
  const char *method;
  char **segments;
  guint n_segments;
  WbCaller caller;
} WbRequest;

/* Responses */
void         _wb_server_send_object        (SoupServerMessage *msg,
                                            guint              status,
                                            JsonObject        *object);
void         _wb_server_send_problem       (SoupServerMessage *msg,
                                            WbProblem         *problem);
void         _wb_server_send_error         (SoupServerMessage *msg,
                                            guint              status,
                                            const char        *title,
                                            const char        *detail);
void         _wb_server_send_field_errors  (SoupServerMessage *msg,
                                            GPtrArray         *errors);
void         _wb_server_send_store_error   (SoupServerMessage *msg,
                                            const GError      *error);
void         _wb_server_set_etag           (SoupServerMessage *msg,
                                            JsonObject        *object);
void         _wb_server_deny               (WbRequest         *request);
void         _wb_server_respond_with_record (WbRequest        *request,
                                            WbResource         resource,
                                            gint64             id,
                                            guint              status);

/* Requests */
JsonObject  *_wb_server_parse_body         (WbRequest         *request);
gboolean     _wb_server_parse_id           (const char        *text,
                                            gint64            *id);
gboolean     _wb_server_check_if_match     (WbRequest         *request,
                                            JsonObject        *current,
                                            const char        *missing_detail,
                                            const char        *stale_title,
                                            const char        *stale_detail,
                                            gint64            *version);
gboolean     _wb_server_validate           (WbRequest         *request,
                                            WbResource         resource,
                                            JsonObject        *object,
                                            gboolean           creating);
WbScope      _wb_server_scope_of_organisation (WbRequest      *request,
                                            gint64             organisation_id);
WbScope      _wb_server_scope_of_client    (WbRequest         *request,
                                            JsonObject        *client);
WbScope      _wb_server_scope_of_employer  (WbRequest         *request,
                                            JsonObject        *employer);
WbScope      _wb_server_scope_of_record    (WbRequest         *request,
                                            WbResource         resource,
                                            JsonObject        *object);
int          _wb_server_current_year       (void);

/* Extensions: each answers the routes it knows and returns TRUE, or FALSE to pass. */
WbServerMatching *_wb_server_matching_new      (WbServer    *server,
                                                GError     **error);
void              _wb_server_matching_free     (WbServerMatching *matching);
gboolean          _wb_server_matching_route    (WbRequest   *request,
                                                GHashTable  *params);
/* Called after a write has been committed, so that indexes and alerts follow. */
void              _wb_server_matching_changed  (WbServer    *server,
                                                WbResource   resource,
                                                gint64       id);
/* Called before a new match is stored: sets its score, score parts and weights as the
 * engine has them at this moment, or answers the request (409 for a pair that cannot be
 * proposed) and returns FALSE. */
gboolean          _wb_server_matching_score_match (WbRequest  *request,
                                                JsonObject  *match);

WbServerAccounts *_wb_server_accounts_new      (WbServer    *server);
void              _wb_server_accounts_free     (WbServerAccounts *accounts);
gboolean          _wb_server_accounts_route    (WbRequest   *request,
                                                GHashTable  *params);
void              _wb_server_accounts_changed  (WbServer    *server,
                                                WbResource   resource,
                                                gint64       id);

G_END_DECLS
