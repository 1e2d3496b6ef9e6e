/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "wb-store.h"

G_BEGIN_DECLS

/* The change table: one row for every record written, by any connection to the database
 * (this process, an import, a second server), appended by triggers in the same
 * transaction as the write. It names the record and whom it concerns, never its contents. */

typedef enum {
  WB_CHANGE_CREATED,
  WB_CHANGE_CHANGED,
  WB_CHANGE_DELETED,
} WbChangeKind;

typedef struct {
  gint64 seq;              /* increases with every change, never reused */
  gint64 at;               /* when, in seconds since 1970 */
  char *resource;          /* the API name: "clients", "contact-log", "reviews", "notifications" */
  WbChangeKind kind;
  gint64 id;
  gint64 version;          /* the record's version after the write; 0 where it has none */
  gint64 organisation_id;  /* the organisation that owns the record (or its parent); 0 for none */
  gint64 user_id;          /* the one user it concerns besides: a client's referred WSP account
                            * manager, a notification's addressee; 0 for none */
  char *parent_resource;   /* the record it hangs under ("clients" for an event), or NULL */
  gint64 parent_id;
  gboolean own;            /* written through this WbStore (see wb_store_changes_track_own) */
} WbStoreChange;

void          wb_store_change_free          (WbStoreChange *change);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WbStoreChange, wb_store_change_free)

const char   *wb_change_kind_to_string      (WbChangeKind   kind);

/* The seq of the last change ever written (0 before the first), also after pruning. */
gint64        wb_store_changes_last_seq     (WbStore       *self,
                                             GError       **error);
/* The oldest @since from which wb_store_changes_since still returns every later change:
 * below it, rows have been pruned. */
gint64        wb_store_changes_history_start (WbStore      *self,
                                              GError      **error);
/* The changes after @since, oldest first, at most @limit (0: no limit), as WbStoreChange. */
GPtrArray    *wb_store_changes_since        (WbStore       *self,
                                             gint64         since,
                                             guint          limit,
                                             GError       **error);
/* Removes the changes written before @before (seconds since 1970); the number removed. */
gint64        wb_store_changes_prune        (WbStore       *self,
                                             gint64         before,
                                             GError       **error);

/* Marks, from now on, the changes that this WbStore writes as its own (change->own), so
 * that a follower of the table can tell them from other processes' writes. */
void          wb_store_changes_track_own    (WbStore       *self);
/* Forgets the own changes up to @seq, once they have been read. */
void          wb_store_changes_forget_own   (WbStore       *self,
                                             gint64         seq);

/* PRAGMA data_version: changes when another connection has committed to the file. */
gint64        wb_store_get_data_version     (WbStore       *self,
                                             GError       **error);

G_END_DECLS
