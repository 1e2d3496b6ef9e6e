/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-account-print"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wb-account-row.h"

#include "wb-account-print.h"

#define FONT_SIZE     8.0   /* points */
#define TITLE_SIZE    13.0
#define CELL_PADDING  3.0

struct _WbAccountPrint
{
  GObject parent_instance;

  GtkPrintOperation *operation;
  GPtrArray *rows;        /* WbAccountRow */
  char *title;
  char *subtitle;
  char *printed_on;
  double row_height;
  double header_height;   /* the title block above the table */
  guint rows_per_page;
  guint n_pages;
  guint n_rows_drawn;
};

G_DEFINE_FINAL_TYPE (WbAccountPrint, wb_account_print, G_TYPE_OBJECT)

typedef enum {
  ALIGN_START,
  ALIGN_END,
} CellAlign;

typedef struct {
  const char *title;
  double width;      /* share of the page width */
  CellAlign align;
} Column;

static const Column columns[] = {
  { N_("Name"), 0.20, ALIGN_START },
  { N_("KvK"), 0.07, ALIGN_START },
  { N_("Sector"), 0.10, ALIGN_START },
  { N_("Employees"), 0.06, ALIGN_END },
  { N_("Municipality"), 0.09, ALIGN_START },
  { N_("Owner"), 0.13, ALIGN_START },
  { N_("Owner type"), 0.06, ALIGN_START },
  { N_("Rule status"), 0.14, ALIGN_START },
  { N_("Last contact"), 0.08, ALIGN_START },
  { N_("Vacancies"), 0.07, ALIGN_END },
};

static char *
cell_text (WbAccountRow *row,
           guint         column)
{
  switch (column)
    {
    case 0:
      return g_strdup (wb_account_row_get_name (row));
    case 1:
      return g_strdup (wb_account_row_get_kvk (row));
    case 2:
      return g_strdup (wb_account_row_get_sector_label (row));
    case 3:
      return g_strdup_printf ("%" G_GINT64_FORMAT, wb_account_row_get_employee_count (row));
    case 4:
      return g_strdup (wb_account_row_get_municipality (row));
    case 5:
      return g_strdup (*wb_account_row_get_owner_name (row) != '\0' ? wb_account_row_get_owner_name (row) : "—");
    case 6:
      return g_strdup (wb_owner_type_to_label (wb_account_row_get_owner_type (row)));
    case 7:
      if (wb_account_row_get_dormant (row))
        return g_strdup_printf (_("%s, dormant"), wb_account_status_to_label (wb_account_row_get_status (row)));
      return g_strdup (wb_account_status_to_label (wb_account_row_get_status (row)));
    case 8:
      return g_strdup (wb_account_row_get_last_contact (row) != NULL ? wb_account_row_get_last_contact (row) : _("Never"));
    case 9:
      return g_strdup_printf ("%" G_GINT64_FORMAT, wb_account_row_get_open_vacancies (row));
    default:
      g_assert_not_reached ();
    }
}

static PangoLayout *
make_layout (GtkPrintContext *context,
             double           size,
             gboolean         bold)
{
  PangoLayout *layout = gtk_print_context_create_pango_layout (context);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans");

  pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  return layout;
}

static double
line_height (GtkPrintContext *context,
             double           size)
{
  g_autoptr(PangoLayout) layout = make_layout (context, size, FALSE);
  int height;

  pango_layout_set_text (layout, "Ág", -1);
  pango_layout_get_size (layout, NULL, &height);
  return (double) height / PANGO_SCALE;
}

static void
on_begin_print_cb (GtkPrintOperation *operation,
                   GtkPrintContext   *context,
                   WbAccountPrint    *self)
{
  double height = gtk_print_context_get_height (context);
  double body;

  self->row_height = line_height (context, FONT_SIZE) + 2 * CELL_PADDING;
  self->header_height = line_height (context, TITLE_SIZE) + line_height (context, FONT_SIZE) + 12;
  /* Below the title block: the header row of the table, its rows and a footer line. */
  body = height - self->header_height - 2 * self->row_height;
  self->rows_per_page = MAX (1, (guint) (body / self->row_height));
  self->n_pages = MAX (1, (self->rows->len + self->rows_per_page - 1) / self->rows_per_page);
  self->n_rows_drawn = 0;
  gtk_print_operation_set_n_pages (operation, (int) self->n_pages);
}

static void
draw_cell (cairo_t     *cr,
           PangoLayout *layout,
           const char  *text,
           double       x,
           double       y,
           double       width,
           CellAlign    align)
{
  pango_layout_set_text (layout, text, -1);
  pango_layout_set_width (layout, (int) ((width - 2 * CELL_PADDING) * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_alignment (layout, align == ALIGN_END ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
  cairo_move_to (cr, x + CELL_PADDING, y + CELL_PADDING);
  pango_cairo_show_layout (cr, layout);
}

static void
on_draw_page_cb (GtkPrintOperation *operation,
                 GtkPrintContext   *context,
                 int                page,
                 WbAccountPrint    *self)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width = gtk_print_context_get_width (context);
  double height = gtk_print_context_get_height (context);
  g_autoptr(PangoLayout) title = make_layout (context, TITLE_SIZE, TRUE);
  g_autoptr(PangoLayout) small = make_layout (context, FONT_SIZE, FALSE);
  g_autoptr(PangoLayout) bold = make_layout (context, FONT_SIZE, TRUE);
  g_autofree char *footer = NULL;
  guint first = (guint) page * self->rows_per_page;
  guint last = MIN (first + self->rows_per_page, self->rows->len);
  double y, x;

  cairo_set_source_rgb (cr, 0, 0, 0);

  /* The title block: what the list is and which filters made it. */
  pango_layout_set_text (title, self->title, -1);
  cairo_move_to (cr, 0, 0);
  pango_cairo_show_layout (cr, title);
  pango_layout_set_text (small, self->subtitle, -1);
  pango_layout_set_width (small, (int) (width * PANGO_SCALE));
  pango_layout_set_ellipsize (small, PANGO_ELLIPSIZE_END);
  cairo_move_to (cr, 0, line_height (context, TITLE_SIZE) + 4);
  pango_cairo_show_layout (cr, small);
  y = self->header_height;

  /* The header row, on every page. */
  cairo_set_source_rgb (cr, 0.85, 0.85, 0.85);
  cairo_rectangle (cr, 0, y, width, self->row_height);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  x = 0;
  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    {
      double w = columns[c].width * width;

      draw_cell (cr, bold, _(columns[c].title), x, y, w, columns[c].align);
      x += w;
    }
  y += self->row_height;

  for (guint i = first; i < last; i++)
    {
      WbAccountRow *row = self->rows->pdata[i];

      if ((i - first) % 2 == 1)
        {
          cairo_set_source_rgb (cr, 0.95, 0.95, 0.95);
          cairo_rectangle (cr, 0, y, width, self->row_height);
          cairo_fill (cr);
          cairo_set_source_rgb (cr, 0, 0, 0);
        }
      x = 0;
      for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
        {
          g_autofree char *text = cell_text (row, c);
          double w = columns[c].width * width;

          draw_cell (cr, small, text, x, y, w, columns[c].align);
          x += w;
        }
      y += self->row_height;
      self->n_rows_drawn++;
    }

  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, 0, y);
  cairo_line_to (cr, width, y);
  cairo_stroke (cr);

  /* TRANSLATORS: the footer of a printed page: the date, then "page 2 of 5" */
  footer = g_strdup_printf (_("Printed on %s · page %d of %u"), self->printed_on, page + 1, self->n_pages);
  pango_layout_set_text (small, footer, -1);
  pango_layout_set_alignment (small, PANGO_ALIGN_RIGHT);
  cairo_move_to (cr, 0, height - self->row_height + CELL_PADDING);
  pango_cairo_show_layout (cr, small);
}

static void
wb_account_print_dispose (GObject *object)
{
  WbAccountPrint *self = (WbAccountPrint *) object;

  if (self->operation != NULL)
    g_signal_handlers_disconnect_by_data (self->operation, self);
  g_clear_object (&self->operation);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (wb_account_print_parent_class)->dispose (object);
}

static void
wb_account_print_finalize (GObject *object)
{
  WbAccountPrint *self = (WbAccountPrint *) object;

  g_free (self->title);
  g_free (self->subtitle);
  g_free (self->printed_on);

  G_OBJECT_CLASS (wb_account_print_parent_class)->finalize (object);
}

static void
wb_account_print_class_init (WbAccountPrintClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = wb_account_print_dispose;
  object_class->finalize = wb_account_print_finalize;
}

static void
wb_account_print_init (WbAccountPrint *self)
{
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  self->rows = g_ptr_array_new_with_free_func (g_object_unref);
  self->printed_on = g_date_time_format (now, "%Y-%m-%d");
  self->operation = gtk_print_operation_new ();
  gtk_page_setup_set_paper_size (setup, a4);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_LANDSCAPE);
  gtk_print_operation_set_default_page_setup (self->operation, setup);
  gtk_print_operation_set_unit (self->operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (self->operation, TRUE);
  g_signal_connect (self->operation, "begin-print", G_CALLBACK (on_begin_print_cb), self);
  g_signal_connect (self->operation, "draw-page", G_CALLBACK (on_draw_page_cb), self);
}

WbAccountPrint *
wb_account_print_new (GListModel *rows,
                      const char *title,
                      const char *subtitle)
{
  WbAccountPrint *self;
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (rows), NULL);

  self = g_object_new (WB_TYPE_ACCOUNT_PRINT, NULL);
  n = g_list_model_get_n_items (rows);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (self->rows, g_list_model_get_item (rows, i));
  self->title = g_strdup (title != NULL ? title : "");
  self->subtitle = g_strdup (subtitle != NULL ? subtitle : "");
  gtk_print_operation_set_job_name (self->operation, self->title);
  return self;
}

GtkPrintOperation *
wb_account_print_get_operation (WbAccountPrint *self)
{
  g_return_val_if_fail (WB_IS_ACCOUNT_PRINT (self), NULL);
  return self->operation;
}

GtkPrintOperationResult
wb_account_print_run (WbAccountPrint           *self,
                      GtkPrintOperationAction   action,
                      GtkWindow                *parent,
                      GError                  **error)
{
  g_return_val_if_fail (WB_IS_ACCOUNT_PRINT (self), GTK_PRINT_OPERATION_RESULT_ERROR);

  return gtk_print_operation_run (self->operation, action, parent, error);
}

guint
wb_account_print_get_n_rows (WbAccountPrint *self)
{
  g_return_val_if_fail (WB_IS_ACCOUNT_PRINT (self), 0);
  return self->rows->len;
}

guint
wb_account_print_get_n_pages (WbAccountPrint *self)
{
  g_return_val_if_fail (WB_IS_ACCOUNT_PRINT (self), 0);
  return self->n_pages;
}

guint
wb_account_print_get_n_rows_drawn (WbAccountPrint *self)
{
  g_return_val_if_fail (WB_IS_ACCOUNT_PRINT (self), 0);
  return self->n_rows_drawn;
}
