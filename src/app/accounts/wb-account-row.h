/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib-object.h>

#include "wb-account-rules.h"
#include "wb-core.h"

G_BEGIN_DECLS

#define WB_TYPE_ACCOUNT_ROW (wb_account_row_get_type ())

G_DECLARE_FINAL_TYPE (WbAccountRow, wb_account_row, WB, ACCOUNT_ROW, GObject)

/* One row of the account list (an item of GET /accounts or GET /employers/{id}/rule):
 * the record and the values its columns filter and sort on, computed once. */
WbAccountRow      *wb_account_row_new                    (WbRecord     *record);
WbRecord          *wb_account_row_get_record             (WbAccountRow *self);
gint64             wb_account_row_get_id                 (WbAccountRow *self);
const char        *wb_account_row_get_name               (WbAccountRow *self);
const char        *wb_account_row_get_kvk                (WbAccountRow *self);
/* The sector's code (one of wb_sectors), interned. */
const char        *wb_account_row_get_sector             (WbAccountRow *self);
const char        *wb_account_row_get_sector_label       (WbAccountRow *self);
gint64             wb_account_row_get_employee_count     (WbAccountRow *self);
WbAccountSizeClass wb_account_row_get_size_class         (WbAccountRow *self);
gint64             wb_account_row_get_municipality_id    (WbAccountRow *self);
const char        *wb_account_row_get_municipality       (WbAccountRow *self);
gint64             wb_account_row_get_owner_id           (WbAccountRow *self);
/* The owner's name, or "" for an account nobody owns. */
const char        *wb_account_row_get_owner_name         (WbAccountRow *self);
const char        *wb_account_row_get_owner_organisation (WbAccountRow *self);
WbOwnerType        wb_account_row_get_owner_type         (WbAccountRow *self);
WbOwnerType        wb_account_row_get_expected_owner_type (WbAccountRow *self);
WbAccountStatus    wb_account_row_get_status             (WbAccountRow *self);
gboolean           wb_account_row_get_dormant            (WbAccountRow *self);
/* YYYY-MM-DD, or NULL when there was never a contact. */
const char        *wb_account_row_get_last_contact       (WbAccountRow *self);
gint64             wb_account_row_get_open_vacancies     (WbAccountRow *self);
/* Case-folded name, KvK, owner and municipality, for the search. */
const char        *wb_account_row_get_search_key         (WbAccountRow *self);
/* The name as a collation key: strcmp on it sorts the way people read. */
const char        *wb_account_row_get_sort_key           (WbAccountRow *self);
const char        *wb_account_row_get_owner_sort_key     (WbAccountRow *self);
const char        *wb_account_row_get_sector_sort_key    (WbAccountRow *self);

G_END_DECLS
