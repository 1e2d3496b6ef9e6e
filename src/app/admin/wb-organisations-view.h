/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "wb-list-view.h"

G_BEGIN_DECLS

typedef enum {
  WB_ORGANISATION_COLUMN_NAME,
  WB_ORGANISATION_COLUMN_KIND,
  WB_ORGANISATION_COLUMN_REGION,
  WB_ORGANISATION_COLUMN_CODE,
  WB_N_ORGANISATION_COLUMNS
} WbOrganisationColumn;

typedef enum {
  WB_ORGANISATION_FILTER_KIND,
  WB_ORGANISATION_FILTER_REGION,
  WB_N_ORGANISATION_FILTERS
} WbOrganisationFilter;

#define WB_TYPE_ORGANISATION_LIST_MODEL (wb_organisation_list_model_get_type ())

G_DECLARE_FINAL_TYPE (WbOrganisationListModel, wb_organisation_list_model, WB, ORGANISATION_LIST_MODEL, WbListModel)

/* The region's organisations as data (docs/lists.md); rows are their records. */
const WbListSpec        *wb_organisation_list_spec      (void);
WbOrganisationListModel *wb_organisation_list_model_new (void);

#define WB_TYPE_ORGANISATIONS_VIEW (wb_organisations_view_get_type ())

G_DECLARE_FINAL_TYPE (WbOrganisationsView, wb_organisations_view, WB, ORGANISATIONS_VIEW, WbListView)

/* The administrator's organisations: the list, an organisation's page, New Organisation. */
WbOrganisationsView *wb_organisations_view_new              (void);
void                 wb_organisations_view_set_session      (WbOrganisationsView *self,
                                                             WbSession           *session);
GtkWindow           *wb_organisations_view_new_organisation (WbOrganisationsView *self);

G_END_DECLS
