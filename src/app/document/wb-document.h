/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#pragma once

#include <gtk/gtk.h>

#include "wb-chart-model.h"
#include "wb-export-info.h"
#include "wb-table.h"

G_BEGIN_DECLS

/* A document for paper and PDF: a title, headings, text, tables that break across pages
 * with their header row repeated, charts (drawn by wb_chart_draw(), as on screen) and the
 * definition, period, source, date and footnote of the figures; every page has a footer
 * "Printed on … by …" and "Page x of y". One layout code (cairo and Pango) serves the
 * print dialog (wb_document_create_print_operation) and a PDF written without one
 * (wb_document_write_pdf, with metadata and structure tags as cairo 1.16 writes them).
 *
 *   g_autoptr(WbDocument) doc = wb_document_new (_("Monitor Parkstad"));
 *   wb_document_set_printed_by (doc, user_name);
 *   wb_document_add_paragraph (doc, filters_in_words);
 *   wb_document_add_heading (doc, wb_chart_model_get_title (model));
 *   wb_document_add_chart (doc, model, 0);
 *   wb_document_add_table (doc, table);                    (and its info below it)
 *   wb_document_write_pdf (doc, path, &error);             or, for people:
 *   GtkPrintOperation *op = wb_document_create_print_operation (doc);
 *   gtk_print_operation_run (op, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, window, &error);
 *
 * Sizes are in points; a page is A4, upright unless set to landscape. */

#define WB_TYPE_DOCUMENT (wb_document_get_type ())

G_DECLARE_FINAL_TYPE (WbDocument, wb_document, WB, DOCUMENT, GObject)

WbDocument        *wb_document_new                   (const char         *title);
const char        *wb_document_get_title             (WbDocument         *self);
/* Who prints: the footer's "by …" and the PDF's author. */
void               wb_document_set_printed_by        (WbDocument         *self,
                                                      const char         *name);
/* When it was printed (now by default): the footer's "Printed on …". */
void               wb_document_set_printed_on        (WbDocument         *self,
                                                      GDateTime          *when);
void               wb_document_set_landscape         (WbDocument         *self,
                                                      gboolean            landscape);
gboolean           wb_document_get_landscape         (WbDocument         *self);

void               wb_document_add_heading           (WbDocument         *self,
                                                      const char         *text);
void               wb_document_add_paragraph         (WbDocument         *self,
                                                      const char         *text);
/* The definition, period, source, generation date and footnote, in small type. */
void               wb_document_add_info              (WbDocument         *self,
                                                      const WbExportInfo *info);
/* A table, and below it its info when it has any. */
void               wb_document_add_table             (WbDocument         *self,
                                                      WbTable            *table);
/* A chart the width of the page, @height points high (0: in proportion), with its info
 * below it as wb_chart_export() draws it; its title is the heading (or the document's
 * title) put before it. It is never split over two pages. */
void               wb_document_add_chart             (WbDocument         *self,
                                                      WbChartModel       *model,
                                                      double              height);

/* Lays the document out on pages whose printable area is @width × @height, measuring with
 * @cr; returns the number of pages. */
guint              wb_document_paginate              (WbDocument         *self,
                                                      cairo_t            *cr,
                                                      double              width,
                                                      double              height);
guint              wb_document_get_n_pages           (WbDocument         *self);
/* Draws page @page (from 0) of the last pagination at the origin of @cr. */
void               wb_document_draw_page             (WbDocument         *self,
                                                      cairo_t            *cr,
                                                      guint               page);
/* How many table rows were drawn since the last pagination (every row once per print). */
guint              wb_document_get_n_table_rows_drawn (WbDocument        *self);

/* A print operation over the document, on A4 in the document's orientation. */
GtkPrintOperation *wb_document_create_print_operation (WbDocument        *self);
gboolean           wb_document_write_pdf             (WbDocument         *self,
                                                      const char         *path,
                                                      GError            **error);

G_END_DECLS
