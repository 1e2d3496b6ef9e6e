/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "wb-store.h"

G_BEGIN_DECLS

/* What the audit trail is asked for; 0 and NULL leave a part out. @from and @to are days
 * (YYYY-MM-DD), both included. */
typedef struct {
  gint64 client_id;        /* rows about this client */
  gint64 user_id;          /* rows of what this user did */
  gint64 organisation_id;  /* rows of this organisation's users */
  const char *from;
  const char *to;
  gboolean without_audit_reads;  /* leaves out the reads of the audit itself */
} WbAuditQuery;

/* A page of the audit log, newest first: each row with who (the user's name and username),
 * their organisation's name, when, what, on which record and why. @total gets how many rows
 * match over all pages. A GPtrArray of JsonObject. */
GPtrArray *wb_store_audit_trail (WbStore            *self,
                                 const WbAuditQuery *query,
                                 guint               offset,
                                 guint               limit,
                                 gint64             *total,
                                 GError            **error);

G_END_DECLS
