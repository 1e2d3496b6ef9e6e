/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-document"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>

#include "wb-chart-draw.h"
#include "wb-document.h"
#include "wb-format.h"

/* Type sizes in points. */
#define TITLE_SIZE   16.0
#define HEADING_SIZE 12.0
#define TEXT_SIZE    10.0
#define INFO_SIZE     8.0
#define TABLE_SIZE    8.0
#define CHART_SIZE    9.0
#define FOOTER_SIZE   8.0
#define CELL_PADDING  3.0   /* above and below a cell's text */
#define CELL_SIDE     5.0   /* left and right of it */
#define FOOTER_GAP    8.0

/* A4, and the margins of a PDF made without a print dialog. */
#define A4_SHORT 595.276
#define A4_LONG  841.89
#define PDF_MARGIN 36.0

typedef enum {
  BLOCK_TITLE,
  BLOCK_HEADING,
  BLOCK_TEXT,
  BLOCK_INFO,
  BLOCK_TABLE,
  BLOCK_CHART,
} BlockKind;

typedef struct {
  BlockKind kind;
  char *text;            /* Pango markup for INFO, plain text otherwise */
  WbTable *table;
  WbChartModel *chart;
  double chart_height;
  GArray *row_heights;   /* double, of the table's rows at the last pagination */
  double header_height;
  double *widths;        /* of the table's columns at the last pagination */
} Block;

/* A part of a block on a page: lines [first, last) of a text, rows of a table. */
typedef struct {
  guint block;
  guint page;
  double y;
  double height;
  guint first;
  guint last;
} Piece;

typedef struct {
  double top;
  double bottom;
  double baseline;
  double x;
} Line;

struct _WbDocument
{
  GObject parent_instance;

  char *title;
  char *printed_by;
  GDateTime *printed_on;
  gboolean landscape;
  GArray *blocks;   /* Block */
  GArray *pieces;   /* Piece, of the last pagination */
  guint n_pages;
  double width;
  double height;
  double body_height;
  guint rows_drawn;
};

G_DEFINE_FINAL_TYPE (WbDocument, wb_document, G_TYPE_OBJECT)

static void
clear_block (gpointer data)
{
  Block *block = data;

  g_free (block->text);
  g_clear_object (&block->table);
  g_clear_object (&block->chart);
  g_clear_pointer (&block->row_heights, g_array_unref);
  g_clear_pointer (&block->widths, g_free);
}

/* Type */

static PangoLayout *
make_layout (cairo_t  *cr,
             double    size,
             gboolean  bold,
             double    width)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans");

  /* Absolute sizes: a point is a point whatever resolution the context was made with. */
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int h;

  pango_layout_get_pixel_size (layout, NULL, &h);
  return h;
}

static PangoLayout *
block_layout (Block   *block,
              cairo_t *cr,
              double   width)
{
  PangoLayout *layout;

  switch (block->kind)
    {
    case BLOCK_TITLE:
      layout = make_layout (cr, TITLE_SIZE, TRUE, width);
      break;
    case BLOCK_HEADING:
      layout = make_layout (cr, HEADING_SIZE, TRUE, width);
      break;
    case BLOCK_INFO:
      layout = make_layout (cr, INFO_SIZE, FALSE, width);
      pango_layout_set_markup (layout, block->text, -1);
      return layout;
    case BLOCK_TEXT:
    case BLOCK_TABLE:
    case BLOCK_CHART:
    default:
      layout = make_layout (cr, TEXT_SIZE, FALSE, width);
      break;
    }
  pango_layout_set_text (layout, block->text, -1);
  return layout;
}

static GArray *
layout_lines (PangoLayout *layout)
{
  GArray *lines = g_array_new (FALSE, FALSE, sizeof (Line));
  PangoLayoutIter *iter = pango_layout_get_iter (layout);

  do
    {
      PangoRectangle logical;
      Line line;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      line.top = (double) logical.y / PANGO_SCALE;
      line.bottom = (double) (logical.y + logical.height) / PANGO_SCALE;
      line.baseline = (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE;
      line.x = (double) logical.x / PANGO_SCALE;
      g_array_append_val (lines, line);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
  return lines;
}

static double
space_before (BlockKind kind)
{
  switch (kind)
    {
    case BLOCK_TITLE:
      return 0;
    case BLOCK_HEADING:
      return 14;
    case BLOCK_INFO:
      return 4;
    case BLOCK_TABLE:
      return 8;
    case BLOCK_CHART:
      return 10;
    case BLOCK_TEXT:
    default:
      return 6;
    }
}

static const char *
block_tag (BlockKind kind)
{
  switch (kind)
    {
    case BLOCK_TITLE:
      return "H1";
    case BLOCK_HEADING:
      return "H2";
    case BLOCK_TEXT:
    case BLOCK_INFO:
    case BLOCK_TABLE:
    case BLOCK_CHART:
    default:
      return "P";
    }
}

/* Tables */

static double
text_width (cairo_t    *cr,
            const char *text,
            gboolean    bold)
{
  g_autoptr(PangoLayout) layout = make_layout (cr, TABLE_SIZE, bold, 0);
  int w;

  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &w, NULL);
  return w;
}

/* The least a column needs: its header's longest word, and for numbers and dates their
 * widest value, so that neither is broken in the middle. */
static double
column_minimum (WbTable *table,
                cairo_t *cr,
                guint    column)
{
  g_auto(GStrv) words = g_strsplit (wb_table_get_column_title (table, column), " ", -1);
  double least = 0;

  for (guint i = 0; words[i] != NULL; i++)
    least = MAX (least, text_width (cr, words[i], TRUE));
  if (wb_table_get_column_type (table, column) != WB_TABLE_COLUMN_TEXT)
    for (guint r = 0; r < wb_table_get_n_rows (table) && r < 500; r++)
      {
        g_autofree char *text = wb_table_format_cell (table, r, column);

        least = MAX (least, text_width (cr, text, FALSE));
      }
  return least + 2 * CELL_SIDE + 1;
}

/* Each column's share of @width, widened to its minimum at the cost of columns with room. */
static double *
column_widths (WbTable *table,
               cairo_t *cr,
               double   width)
{
  guint n = wb_table_get_n_columns (table);
  double *widths = g_new0 (double, MAX (n, 1));
  g_autofree double *least = g_new0 (double, MAX (n, 1));
  double total = 0, missing = 0, slack = 0;

  for (guint c = 0; c < n; c++)
    total += wb_table_get_column_width (table, c);
  for (guint c = 0; c < n; c++)
    {
      widths[c] = width * wb_table_get_column_width (table, c) / MAX (total, 1e-6);
      least[c] = column_minimum (table, cr, c);
      if (widths[c] < least[c])
        missing += least[c] - widths[c];
      else
        slack += widths[c] - least[c];
    }
  if (missing > 0 && slack > 0)
    {
      double take = MIN (missing, slack) / slack;

      for (guint c = 0; c < n; c++)
        {
          if (widths[c] < least[c])
            widths[c] = widths[c] + (least[c] - widths[c]) * MIN (1, slack / missing);
          else
            widths[c] -= (widths[c] - least[c]) * take;
        }
    }
  return widths;
}

static PangoLayout *
cell_layout (cairo_t    *cr,
             const char *text,
             gboolean    bold,
             gboolean    numeric,
             double      width)
{
  PangoLayout *layout = make_layout (cr, TABLE_SIZE, bold, MAX (width - 2 * CELL_SIDE, 4));

  pango_layout_set_alignment (layout, numeric ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static double
row_height (WbTable *table,
            cairo_t *cr,
            int      row,        /* -1: the header */
            double  *widths)
{
  double height = 0;

  for (guint c = 0; c < wb_table_get_n_columns (table); c++)
    {
      g_autofree char *text = row < 0 ? g_strdup (wb_table_get_column_title (table, c))
                                      : wb_table_format_cell (table, (guint) row, c);
      g_autoptr(PangoLayout) layout = cell_layout (cr, text, row < 0, wb_table_column_is_numeric (table, c), widths[c]);

      height = MAX (height, layout_height (layout));
    }
  return height + 2 * CELL_PADDING;
}

static void
draw_table_row (WbDocument *self,
                Block      *block,
                cairo_t    *cr,
                int         row,
                double      y,
                double      height,
                double     *widths)
{
  WbTable *table = block->table;
  double x = 0;

  if (row < 0)
    {
      cairo_set_source_rgb (cr, 0.87, 0.87, 0.87);
      cairo_rectangle (cr, 0, y, self->width, height);
      cairo_fill (cr);
    }
  else if (row % 2 == 1)
    {
      cairo_set_source_rgb (cr, 0.955, 0.955, 0.955);
      cairo_rectangle (cr, 0, y, self->width, height);
      cairo_fill (cr);
    }

  cairo_tag_begin (cr, "TR", NULL);
  for (guint c = 0; c < wb_table_get_n_columns (table); c++)
    {
      g_autofree char *text = row < 0 ? g_strdup (wb_table_get_column_title (table, c))
                                      : wb_table_format_cell (table, (guint) row, c);
      g_autoptr(PangoLayout) layout = cell_layout (cr, text, row < 0, wb_table_column_is_numeric (table, c), widths[c]);
      const char *tag = row < 0 ? "TH" : "TD";

      cairo_tag_begin (cr, tag, NULL);
      cairo_set_source_rgb (cr, 0, 0, 0);
      cairo_move_to (cr, x + CELL_SIDE, y + CELL_PADDING);
      pango_cairo_show_layout (cr, layout);
      cairo_tag_end (cr, tag);
      x += widths[c];
    }
  cairo_tag_end (cr, "TR");
}

/* Pagination */

static void
add_piece (WbDocument *self,
           guint       block,
           guint       page,
           double      y,
           double      height,
           guint       first,
           guint       last)
{
  Piece piece = { block, page, y, height, first, last };

  g_array_append_val (self->pieces, piece);
}

static void
place_lines (WbDocument *self,
             guint       b,
             GArray     *lines,
             double      gap,
             double     *y,
             guint      *page)
{
  double limit = self->body_height;
  guint i = 0;

  while (i < lines->len)
    {
      double top = g_array_index (lines, Line, i).top;
      double g = *y > 0 ? gap : 0;
      guint j = i;

      while (j < lines->len && *y + g + (g_array_index (lines, Line, j).bottom - top) <= limit)
        j++;
      if (j == i)
        {
          if (*y > 0)
            {
              (*page)++;
              *y = 0;
              continue;
            }
          j = i + 1;   /* taller than a page: it overflows rather than loops */
        }
      add_piece (self, b, *page, *y + g, g_array_index (lines, Line, j - 1).bottom - top, i, j);
      *y += g + g_array_index (lines, Line, j - 1).bottom - top;
      i = j;
      if (i < lines->len)
        {
          (*page)++;
          *y = 0;
        }
    }
}

static void
place_table (WbDocument *self,
             guint       b,
             Block      *block,
             double      gap,
             double     *y,
             guint      *page)
{
  double limit = self->body_height;
  guint n = block->row_heights->len;
  guint i = 0;
  gboolean placed = FALSE;

  while (i < n || !placed)
    {
      double g = *y > 0 ? gap : 0;
      double h = block->header_height;
      guint j = i;

      if (*y > 0 && i < n && *y + g + h + g_array_index (block->row_heights, double, i) > limit)
        {
          (*page)++;
          *y = 0;
          continue;
        }
      while (j < n && *y + g + h + g_array_index (block->row_heights, double, j) <= limit)
        h += g_array_index (block->row_heights, double, j++);
      if (j == i && i < n)
        h += g_array_index (block->row_heights, double, j++);
      /* The header row starts every piece: it is repeated on each page. */
      add_piece (self, b, *page, *y + g, h, i, j);
      placed = TRUE;
      *y += g + h;
      i = j;
      if (i < n)
        {
          (*page)++;
          *y = 0;
        }
    }
}

static char *
footer_left (WbDocument *self)
{
  g_autofree char *when = wb_format_date_time (self->printed_on);

  if (self->printed_by != NULL && *self->printed_by != '\0')
    /* TRANSLATORS: the footer of a printed page: the date and time, then who printed it */
    return g_strdup_printf (_("Printed on %s by %s"), when, self->printed_by);
  /* TRANSLATORS: the footer of a printed page when nobody is signed in */
  return g_strdup_printf (_("Printed on %s"), when);
}

static char *
footer_right (guint page,
              guint n_pages)
{
  /* TRANSLATORS: the footer of a printed page: "Page 2 of 5" */
  return g_strdup_printf (_("Page %u of %u"), page, n_pages);
}

/* The footer's two layouts: the page number at the right as wide as it needs, the rest of
 * the line for who printed it and when, wrapped rather than cut. */
static void
footer_layouts (WbDocument   *self,
                cairo_t      *cr,
                guint         page,
                guint         n_pages,
                PangoLayout **left,
                PangoLayout **right)
{
  g_autofree char *left_text = footer_left (self);
  g_autofree char *right_text = footer_right (page, n_pages);
  int right_w;

  *right = make_layout (cr, FOOTER_SIZE, FALSE, 0);
  pango_layout_set_text (*right, right_text, -1);
  pango_layout_get_pixel_size (*right, &right_w, NULL);
  *left = make_layout (cr, FOOTER_SIZE, FALSE, MAX (self->width - right_w - 12, self->width / 3));
  pango_layout_set_text (*left, left_text, -1);
}

/* The least of block @b that must share a page with the heading before it: a chart whole,
 * a table's header and first row, a text's first line. */
static double
first_part_height (WbDocument *self,
                   guint       b,
                   cairo_t    *cr,
                   double      width)
{
  Block *block;

  if (b >= self->blocks->len)
    return 0;
  block = &g_array_index (self->blocks, Block, b);
  switch (block->kind)
    {
    case BLOCK_CHART:
      return space_before (block->kind) +
             MIN (block->chart_height > 0 ? block->chart_height : width * 0.55, self->body_height / 2);
    case BLOCK_TABLE:
      {
        g_autofree double *widths = column_widths (block->table, cr, width);
        double h = row_height (block->table, cr, -1, widths);

        if (wb_table_get_n_rows (block->table) > 0)
          h += row_height (block->table, cr, 0, widths);
        return space_before (block->kind) + h;
      }
    case BLOCK_TITLE:
    case BLOCK_HEADING:
    case BLOCK_TEXT:
    case BLOCK_INFO:
    default:
      return space_before (block->kind) + TEXT_SIZE * 1.4 * 2;
    }
}

guint
wb_document_paginate (WbDocument *self,
                      cairo_t    *cr,
                      double      width,
                      double      height)
{
  g_autoptr(PangoLayout) footer_l = NULL;
  g_autoptr(PangoLayout) footer_r = NULL;
  double y = 0;
  guint page = 0;

  g_return_val_if_fail (WB_IS_DOCUMENT (self), 0);
  g_return_val_if_fail (cr != NULL, 0);

  self->width = width;
  self->height = height;
  self->rows_drawn = 0;
  g_array_set_size (self->pieces, 0);

  /* The footer with the widest page numbers it may get. */
  footer_layouts (self, cr, 9999, 9999, &footer_l, &footer_r);
  self->body_height = MAX (height - MAX (layout_height (footer_l), layout_height (footer_r)) - FOOTER_GAP, height / 2);

  for (guint b = 0; b < self->blocks->len; b++)
    {
      Block *block = &g_array_index (self->blocks, Block, b);
      double gap = space_before (block->kind);

      switch (block->kind)
        {
        case BLOCK_TITLE:
        case BLOCK_HEADING:
        case BLOCK_TEXT:
        case BLOCK_INFO:
          {
            g_autoptr(PangoLayout) layout = block_layout (block, cr, width);
            g_autoptr(GArray) lines = layout_lines (layout);

            /* A heading stays with what follows it. */
            if (block->kind == BLOCK_HEADING && y > 0 &&
                y + gap + layout_height (layout) + first_part_height (self, b + 1, cr, width) > self->body_height)
              {
                page++;
                y = 0;
              }
            place_lines (self, b, lines, gap, &y, &page);
          }
          break;

        case BLOCK_TABLE:
          {
            double *widths;

            g_free (block->widths);
            widths = block->widths = column_widths (block->table, cr, width);
            block->header_height = row_height (block->table, cr, -1, widths);
            g_array_set_size (block->row_heights, 0);
            for (guint r = 0; r < wb_table_get_n_rows (block->table); r++)
              {
                double h = row_height (block->table, cr, (int) r, widths);

                g_array_append_val (block->row_heights, h);
              }
            place_table (self, b, block, gap, &y, &page);
          }
          break;

        case BLOCK_CHART:
        default:
          {
            double h = block->chart_height > 0 ? block->chart_height : width * 0.55;
            double g;

            h = MIN (h, self->body_height);
            if (y > 0 && y + gap + h > self->body_height)
              {
                page++;
                y = 0;
              }
            g = y > 0 ? gap : 0;
            add_piece (self, b, page, y + g, h, 0, 0);
            y += g + h;
          }
          break;
        }
    }
  self->n_pages = page + 1;
  return self->n_pages;
}

guint
wb_document_get_n_pages (WbDocument *self)
{
  g_return_val_if_fail (WB_IS_DOCUMENT (self), 0);
  return self->n_pages;
}

guint
wb_document_get_n_table_rows_drawn (WbDocument *self)
{
  g_return_val_if_fail (WB_IS_DOCUMENT (self), 0);
  return self->rows_drawn;
}

/* Drawing */

static void
draw_lines (Block   *block,
            cairo_t *cr,
            Piece   *piece,
            double   width)
{
  g_autoptr(PangoLayout) layout = block_layout (block, cr, width);
  g_autoptr(GArray) lines = layout_lines (layout);
  double top = g_array_index (lines, Line, piece->first).top;
  const char *tag = block_tag (block->kind);

  cairo_set_source_rgb (cr, block->kind == BLOCK_INFO ? 0.25 : 0, block->kind == BLOCK_INFO ? 0.25 : 0,
                        block->kind == BLOCK_INFO ? 0.25 : 0);
  cairo_tag_begin (cr, tag, NULL);
  for (guint i = piece->first; i < piece->last && i < lines->len; i++)
    {
      Line *line = &g_array_index (lines, Line, i);

      cairo_move_to (cr, line->x, piece->y + line->baseline - top);
      pango_cairo_show_layout_line (cr, pango_layout_get_line_readonly (layout, (int) i));
    }
  cairo_tag_end (cr, tag);
}

static void
draw_table (WbDocument *self,
            Block      *block,
            cairo_t    *cr,
            Piece      *piece)
{
  double *widths = block->widths;
  double y = piece->y;

  cairo_tag_begin (cr, "Table", NULL);
  draw_table_row (self, block, cr, -1, y, block->header_height, widths);
  y += block->header_height;
  for (guint r = piece->first; r < piece->last; r++)
    {
      double h = g_array_index (block->row_heights, double, r);

      draw_table_row (self, block, cr, (int) r, y, h, widths);
      y += h;
      self->rows_drawn++;
    }
  cairo_tag_end (cr, "Table");
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, 0, y);
  cairo_line_to (cr, self->width, y);
  cairo_stroke (cr);
}

static void
draw_chart (Block   *block,
            cairo_t *cr,
            Piece   *piece,
            double   width)
{
  WbChartStyle style;

  wb_chart_style_init_paper (&style, CHART_SIZE);
  style.paint_background = FALSE;
  /* The document names the chart in its own headings. */
  style.show_title = FALSE;
  cairo_save (cr);
  cairo_translate (cr, 0, piece->y);
  wb_chart_draw (block->chart, cr, width, piece->height, &style, NULL);
  cairo_restore (cr);
  wb_chart_style_clear (&style);
}

static void
draw_footer (WbDocument *self,
             cairo_t    *cr,
             guint       page)
{
  g_autoptr(PangoLayout) left = NULL;
  g_autoptr(PangoLayout) right = NULL;
  double top = self->body_height + FOOTER_GAP;
  int right_w;

  footer_layouts (self, cr, page + 1, self->n_pages, &left, &right);
  cairo_set_source_rgb (cr, 0.4, 0.4, 0.4);
  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, 0, top - FOOTER_GAP / 2);
  cairo_line_to (cr, self->width, top - FOOTER_GAP / 2);
  cairo_stroke (cr);
  cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
  cairo_move_to (cr, 0, top);
  pango_cairo_show_layout (cr, left);
  pango_layout_get_pixel_size (right, &right_w, NULL);
  cairo_move_to (cr, self->width - right_w, top);
  pango_cairo_show_layout (cr, right);
}

void
wb_document_draw_page (WbDocument *self,
                       cairo_t    *cr,
                       guint       page)
{
  g_return_if_fail (WB_IS_DOCUMENT (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (page < self->n_pages);

  cairo_save (cr);
  for (guint i = 0; i < self->pieces->len; i++)
    {
      Piece *piece = &g_array_index (self->pieces, Piece, i);
      Block *block = &g_array_index (self->blocks, Block, piece->block);

      if (piece->page != page)
        continue;
      switch (block->kind)
        {
        case BLOCK_TABLE:
          draw_table (self, block, cr, piece);
          break;
        case BLOCK_CHART:
          draw_chart (block, cr, piece, self->width);
          break;
        case BLOCK_TITLE:
        case BLOCK_HEADING:
        case BLOCK_TEXT:
        case BLOCK_INFO:
        default:
          draw_lines (block, cr, piece, self->width);
          break;
        }
    }
  draw_footer (self, cr, page);
  cairo_restore (cr);
}

/* Print and PDF */

static void
set_pdf_metadata (WbDocument      *self,
                  cairo_surface_t *surface)
{
  g_autofree char *when = g_date_time_format_iso8601 (self->printed_on);

  if (cairo_surface_get_type (surface) != CAIRO_SURFACE_TYPE_PDF)
    return;
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, self->title);
  if (self->printed_by != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, self->printed_by);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Werkbrug");
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, when);
}

static void
on_begin_print_cb (GtkPrintOperation *operation,
                   GtkPrintContext   *context,
                   WbDocument        *self)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);

  set_pdf_metadata (self, cairo_get_target (cr));
  wb_document_paginate (self, cr, gtk_print_context_get_width (context), gtk_print_context_get_height (context));
  gtk_print_operation_set_n_pages (operation, (int) self->n_pages);
}

static void
on_draw_page_cb (GtkPrintOperation *operation,
                 GtkPrintContext   *context,
                 int                page,
                 WbDocument        *self)
{
  wb_document_draw_page (self, gtk_print_context_get_cairo_context (context), (guint) page);
}

GtkPrintOperation *
wb_document_create_print_operation (WbDocument *self)
{
  GtkPrintOperation *operation;
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);

  g_return_val_if_fail (WB_IS_DOCUMENT (self), NULL);

  operation = gtk_print_operation_new ();
  gtk_page_setup_set_paper_size (setup, a4);
  gtk_page_setup_set_orientation (setup, self->landscape ? GTK_PAGE_ORIENTATION_LANDSCAPE
                                                         : GTK_PAGE_ORIENTATION_PORTRAIT);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  gtk_print_operation_set_job_name (operation, self->title);
  /* The operation keeps the document for as long as it prints. */
  g_signal_connect_data (operation, "begin-print", G_CALLBACK (on_begin_print_cb), g_object_ref (self),
                         (GClosureNotify) (void (*) (void)) g_object_unref, 0);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page_cb), self);
  return operation;
}

gboolean
wb_document_write_pdf (WbDocument  *self,
                       const char  *path,
                       GError     **error)
{
  double page_w = self->landscape ? A4_LONG : A4_SHORT;
  double page_h = self->landscape ? A4_SHORT : A4_LONG;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (WB_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  surface = cairo_pdf_surface_create (path, page_w, page_h);
  set_pdf_metadata (self, surface);
  cr = cairo_create (surface);
  cairo_translate (cr, PDF_MARGIN, PDF_MARGIN);
  wb_document_paginate (self, cr, page_w - 2 * PDF_MARGIN, page_h - 2 * PDF_MARGIN);
  for (guint page = 0; page < self->n_pages; page++)
    {
      wb_document_draw_page (self, cr, page);
      cairo_show_page (cr);
    }
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write %s: %s"), path,
                   cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

/* Building */

static Block *
add_block (WbDocument *self,
           BlockKind   kind,
           const char *text)
{
  Block block = { kind, g_strdup (text != NULL ? text : ""), NULL, NULL, 0, NULL, 0, NULL };

  g_array_append_val (self->blocks, block);
  return &g_array_index (self->blocks, Block, self->blocks->len - 1);
}

void
wb_document_add_heading (WbDocument *self,
                         const char *text)
{
  g_return_if_fail (WB_IS_DOCUMENT (self));
  add_block (self, BLOCK_HEADING, text);
}

void
wb_document_add_paragraph (WbDocument *self,
                           const char *text)
{
  g_return_if_fail (WB_IS_DOCUMENT (self));
  add_block (self, BLOCK_TEXT, text);
}

void
wb_document_add_info (WbDocument         *self,
                      const WbExportInfo *info)
{
  g_autofree char *markup = NULL;

  g_return_if_fail (WB_IS_DOCUMENT (self));
  g_return_if_fail (info != NULL);

  markup = wb_export_info_to_markup (info);
  if (*markup != '\0')
    add_block (self, BLOCK_INFO, markup);
}

void
wb_document_add_table (WbDocument *self,
                       WbTable    *table)
{
  Block *block;

  g_return_if_fail (WB_IS_DOCUMENT (self));
  g_return_if_fail (WB_IS_TABLE (table));

  block = add_block (self, BLOCK_TABLE, NULL);
  block->table = g_object_ref (table);
  block->row_heights = g_array_new (FALSE, FALSE, sizeof (double));
  wb_document_add_info (self, wb_table_get_info (table));
}

void
wb_document_add_chart (WbDocument   *self,
                       WbChartModel *model,
                       double        height)
{
  Block *block;

  g_return_if_fail (WB_IS_DOCUMENT (self));
  g_return_if_fail (WB_IS_CHART_MODEL (model));

  block = add_block (self, BLOCK_CHART, NULL);
  block->chart = g_object_ref (model);
  block->chart_height = MAX (height, 0);
}

/* GObject */

static void
wb_document_finalize (GObject *object)
{
  WbDocument *self = (WbDocument *) object;

  g_free (self->title);
  g_free (self->printed_by);
  g_clear_pointer (&self->printed_on, g_date_time_unref);
  g_array_unref (self->blocks);
  g_array_unref (self->pieces);

  G_OBJECT_CLASS (wb_document_parent_class)->finalize (object);
}

static void
wb_document_class_init (WbDocumentClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = wb_document_finalize;
}

static void
wb_document_init (WbDocument *self)
{
  self->blocks = g_array_new (FALSE, TRUE, sizeof (Block));
  g_array_set_clear_func (self->blocks, clear_block);
  self->pieces = g_array_new (FALSE, FALSE, sizeof (Piece));
  self->printed_on = g_date_time_new_now_local ();
}

WbDocument *
wb_document_new (const char *title)
{
  WbDocument *self = g_object_new (WB_TYPE_DOCUMENT, NULL);

  self->title = g_strdup (title != NULL ? title : "");
  if (*self->title != '\0')
    add_block (self, BLOCK_TITLE, self->title);
  return self;
}

const char *
wb_document_get_title (WbDocument *self)
{
  g_return_val_if_fail (WB_IS_DOCUMENT (self), NULL);
  return self->title;
}

void
wb_document_set_printed_by (WbDocument *self,
                            const char *name)
{
  g_return_if_fail (WB_IS_DOCUMENT (self));
  g_free (self->printed_by);
  self->printed_by = g_strdup (name);
}

void
wb_document_set_printed_on (WbDocument *self,
                            GDateTime  *when)
{
  g_return_if_fail (WB_IS_DOCUMENT (self));
  g_return_if_fail (when != NULL);
  g_clear_pointer (&self->printed_on, g_date_time_unref);
  self->printed_on = g_date_time_ref (when);
}

void
wb_document_set_landscape (WbDocument *self,
                           gboolean    landscape)
{
  g_return_if_fail (WB_IS_DOCUMENT (self));
  self->landscape = !!landscape;
}

gboolean
wb_document_get_landscape (WbDocument *self)
{
  g_return_val_if_fail (WB_IS_DOCUMENT (self), FALSE);
  return self->landscape;
}
