/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "wb-store.h"

G_BEGIN_DECLS

/* What an import did, row by row: a bad row never stops the good ones and is never
 * half-written; it is counted and described in @messages ("line 12: bsn: ..."). */
typedef struct {
  guint n_read;
  guint n_imported;   /* new records */
  guint n_updated;    /* existing records brought up to date (same key) */
  guint n_failed;
  GPtrArray *messages;
} WbImportReport;

WbImportReport *wb_import_report_new        (void);
void            wb_import_report_free       (WbImportReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (WbImportReport, wb_import_report_free)

/* ESCO from a folder: either the official ESCO CSV download (occupations_nl.csv,
 * skills_nl.csv, occupationSkillRelations_nl.csv) or the reduced files of
 * ../shared/data/esco (occupations_nl.csv, skills_nl_collections.csv,
 * occupation_skills.csv, isco08_groups_nl.csv). Idempotent: a second run updates. */
gboolean        wb_import_esco              (WbStore         *store,
                                             const char      *directory,
                                             WbImportReport  *report,
                                             GError         **error);
/* PC4 centres: pc4,lat,lon,municipality. */
gboolean        wb_import_pc4               (WbStore         *store,
                                             const char      *path,
                                             WbImportReport  *report,
                                             GError         **error);
/* Clients and employers from CSV as Dutch Excel writes it: ';' or ',', UTF-8 with or
 * without BOM, decimal comma. Clients go to @organisation_id. */
gboolean        wb_import_clients_csv       (WbStore         *store,
                                             const char      *path,
                                             gint64           organisation_id,
                                             WbImportReport  *report,
                                             GError         **error);
gboolean        wb_import_employers_csv     (WbStore         *store,
                                             const char      *path,
                                             WbImportReport  *report,
                                             GError         **error);

/* The built-in Dutch starter taxonomy: competences and occupations of the target group,
 * so that the system runs without the ESCO files. Idempotent. */
gboolean        wb_starter_taxonomy_load    (WbStore         *store,
                                             GError         **error);
guint           wb_starter_taxonomy_n_competences (void);
guint           wb_starter_taxonomy_n_occupations (void);

G_END_DECLS
