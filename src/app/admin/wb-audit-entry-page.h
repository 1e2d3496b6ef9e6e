/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "wb-record-page.h"

G_BEGIN_DECLS

#define WB_TYPE_AUDIT_ENTRY_PAGE (wb_audit_entry_page_get_type ())

G_DECLARE_FINAL_TYPE (WbAuditEntryPage, wb_audit_entry_page, WB, AUDIT_ENTRY_PAGE, WbRecordPage)

/* One entry of the audit trail: who, when, what, on which record and why. The list's row
 * is the whole entry; an entry never changes. */
WbAuditEntryPage *wb_audit_entry_page_new (void);

G_END_DECLS
