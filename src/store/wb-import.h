/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include "wb-store.h"

G_BEGIN_DECLS

/* What an import did, row by row: a bad row never stops the good ones and is never
 * half-written; it is counted and described in @messages ("line 12: bsn: ..."). */
typedef enum {
  WB_IMPORT_ROW_MERGED,   /* brought an existing record up to date */
  WB_IMPORT_ROW_REFUSED,  /* not written */
} WbImportOutcome;

/* One row of the report: a refused row of any import, or a merged employer. The line
 * is the file's physical line (1 is the header); key and name may be NULL. */
typedef struct {
  guint line;
  WbImportOutcome outcome;
  char *key;
  char *name;
  gint64 id;          /* the record merged into, or 0 */
  char *message;
} WbImportRow;

typedef struct {
  guint n_read;
  guint n_imported;   /* new records */
  guint n_updated;    /* existing records brought up to date (same key) */
  guint n_failed;
  GPtrArray *messages;
  GPtrArray *rows;    /* WbImportRow, the first 5,000 */
  GArray *ids;        /* gint64: the records an employer import wrote */
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
/* CBS StatLine social-assistance figures per municipality and year (the layout of
 * ../shared/data/cbs: year, gemeentecode, gemeente, bijstandsontvangers,
 * uitstroom_naar_werk, and optionally regio, inwoners_15plus, bijstandsdichtheid_per_1000,
 * personen_met_reintegratievoorziening, wsw_werknemers; "." for a figure CBS does not
 * publish), into a table of their own for the monitor to compare with. All or nothing for
 * a broken file; a second run updates. */
gboolean        wb_import_cbs               (WbStore         *store,
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
/* Employers from an upload, all or nothing for the file's shape: when a line does not fit
 * the header or a quote is never closed, nothing is written, @report->rows lists those
 * lines and the error is WB_STORE_ERROR_INVALID. A file of the right shape is imported as
 * wb_import_employers_csv does it, row by row. @name stands for the file in messages. */
gboolean        wb_import_employers_csv_bytes (WbStore       *store,
                                             const char      *name,
                                             GBytes          *data,
                                             WbImportReport  *report,
                                             GError         **error);

/* The built-in Dutch starter taxonomy: competences and occupations of the target group,
 * so that the system runs without the ESCO files. Idempotent. */
gboolean        wb_starter_taxonomy_load    (WbStore         *store,
                                             GError         **error);
guint           wb_starter_taxonomy_n_competences (void);
guint           wb_starter_taxonomy_n_occupations (void);

G_END_DECLS
