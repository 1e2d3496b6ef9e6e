/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* What every export and print of figures carries besides the figures: a title, the
 * definition in words, the period, the source, when it was generated and the footnote on
 * hidden small numbers. A field left NULL is left out. */
typedef struct {
  char      *title;
  char      *definition;
  char      *period;
  char      *source;
  GDateTime *generated;
  char      *footnote;
} WbExportInfo;

#define WB_TYPE_EXPORT_INFO (wb_export_info_get_type ())

GType         wb_export_info_get_type  (void) G_GNUC_CONST;
WbExportInfo *wb_export_info_new       (void);
WbExportInfo *wb_export_info_copy      (const WbExportInfo *info);
void          wb_export_info_free      (WbExportInfo       *info);
/* The given fields as labelled lines for people, in a fixed order: a NULL-terminated list
 * label, text, label, text, … ("Definition", "…", "Generated on", "3 dec 2026, 14:05"). */
char        **wb_export_info_to_pairs  (const WbExportInfo *info);
/* The same as Pango markup, one line each, the labels in bold ("<b>Definition:</b> …");
 * "" when no field is given. */
char         *wb_export_info_to_markup (const WbExportInfo *info);
/* The footnote for hidden cells when nobody gave one: a count of 1 to @threshold - 1
 * persons, or a cell that would reveal one, is shown as ".". */
char         *wb_export_info_default_footnote (guint threshold);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (WbExportInfo, wb_export_info_free)

G_END_DECLS
