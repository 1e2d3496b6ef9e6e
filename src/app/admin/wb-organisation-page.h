/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "wb-record-page.h"

G_BEGIN_DECLS

#define WB_TYPE_ORGANISATION_PAGE (wb_organisation_page_get_type ())

G_DECLARE_FINAL_TYPE (WbOrganisationPage, wb_organisation_page, WB, ORGANISATION_PAGE, WbRecordPage)

/* An organisation of the region for an administrator: its kind, subregion and people, and
 * Edit. */
WbOrganisationPage *wb_organisation_page_new (void);

G_END_DECLS
