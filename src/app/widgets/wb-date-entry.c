/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-date-entry"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "wb-a11y.h"
#include "wb-format.h"

#include "wb-date-entry.h"

struct _WbDateEntry
{
  GtkBox parent_instance;

  GtkEntry *entry;
  GtkMenuButton *button;
  GtkCalendar *calendar;
  gboolean updating;
};

G_DEFINE_FINAL_TYPE (WbDateEntry, wb_date_entry, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_VALUE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Month names as people type them: Dutch and English, whole or cut short. */
static const struct {
  const char *name;
  int month;
} month_names[] = {
  { "januari", 1 }, { "january", 1 }, { "jan", 1 },
  { "februari", 2 }, { "february", 2 }, { "feb", 2 },
  { "maart", 3 }, { "march", 3 }, { "mrt", 3 }, { "mar", 3 }, { "maa", 3 },
  { "april", 4 }, { "apr", 4 },
  { "mei", 5 }, { "may", 5 },
  { "juni", 6 }, { "june", 6 }, { "jun", 6 },
  { "juli", 7 }, { "july", 7 }, { "jul", 7 },
  { "augustus", 8 }, { "august", 8 }, { "aug", 8 },
  { "september", 9 }, { "sept", 9 }, { "sep", 9 },
  { "oktober", 10 }, { "october", 10 }, { "okt", 10 }, { "oct", 10 },
  { "november", 11 }, { "nov", 11 },
  { "december", 12 }, { "dec", 12 },
};

static int
month_of (const char *word)
{
  g_autofree char *folded = g_utf8_strdown (word, -1);
  gsize length = strlen (folded);

  /* "dec." is "dec" */
  while (length > 0 && folded[length - 1] == '.')
    folded[--length] = '\0';
  for (guint i = 0; i < G_N_ELEMENTS (month_names); i++)
    if (strcmp (folded, month_names[i].name) == 0)
      return month_names[i].month;
  return 0;
}

static gboolean
is_number (const char *s)
{
  if (*s == '\0')
    return FALSE;
  for (; *s != '\0'; s++)
    if (!g_ascii_isdigit (*s))
      return FALSE;
  return TRUE;
}

gboolean
wb_date_parse (const char *text,
               GDate      *date)
{
  g_autofree char *copy = NULL;
  g_auto(GStrv) parts = NULL;
  g_autoptr(GPtrArray) words = g_ptr_array_new ();
  int day, month, year;

  g_return_val_if_fail (date != NULL, FALSE);

  g_date_clear (date, 1);
  if (text == NULL)
    return FALSE;
  copy = g_strstrip (g_strdup (text));
  /* Day, month and year apart by "-", "/", ".", or spaces: "3-12-2026", "3 dec. 2026". */
  for (char *p = copy; *p != '\0'; p++)
    if (*p == '-' || *p == '/' || *p == ',')
      *p = ' ';
  parts = g_strsplit (copy, " ", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      /* "3.12.2026" in one part, or "dec." as a word */
      if (strchr (parts[i], '.') != NULL && month_of (parts[i]) == 0)
        {
          g_auto(GStrv) pieces = g_strsplit (parts[i], ".", -1);

          for (guint k = 0; pieces[k] != NULL; k++)
            if (*pieces[k] != '\0')
              g_ptr_array_add (words, g_steal_pointer (&pieces[k]));
          continue;
        }
      if (*parts[i] != '\0')
        g_ptr_array_add (words, g_strdup (parts[i]));
    }
  g_ptr_array_set_free_func (words, g_free);
  if (words->len != 3)
    return FALSE;

  if (is_number (words->pdata[0]) && strlen (words->pdata[0]) == 4)
    {
      /* ISO: 2026-12-03 */
      year = atoi (words->pdata[0]);
      month = is_number (words->pdata[1]) ? atoi (words->pdata[1]) : month_of (words->pdata[1]);
      day = is_number (words->pdata[2]) ? atoi (words->pdata[2]) : 0;
    }
  else
    {
      if (!is_number (words->pdata[0]) && month_of (words->pdata[0]) != 0)
        {
          /* "Dec 3, 2026" */
          month = month_of (words->pdata[0]);
          day = is_number (words->pdata[1]) ? atoi (words->pdata[1]) : 0;
        }
      else if (is_number (words->pdata[0]) && is_number (words->pdata[1]) &&
               wb_format_table_date_order () == WB_DATE_ORDER_MDY)
        {
          /* Numbers alone in the order the tables show them: "12/3/2026" in American English. */
          month = atoi (words->pdata[0]);
          day = atoi (words->pdata[1]);
        }
      else
        {
          day = is_number (words->pdata[0]) ? atoi (words->pdata[0]) : 0;
          month = is_number (words->pdata[1]) ? atoi (words->pdata[1]) : month_of (words->pdata[1]);
        }
      year = is_number (words->pdata[2]) ? atoi (words->pdata[2]) : 0;
      /* "3-12-26" is this century's */
      if (is_number (words->pdata[2]) && strlen (words->pdata[2]) == 2)
        year += 2000;
      else if (!is_number (words->pdata[2]) || strlen (words->pdata[2]) != 4)
        year = 0;
    }
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1 ||
      !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return FALSE;
  g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;
}

static char *
iso_of (const GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date), g_date_get_day (date));
}

static void
on_text_changed_cb (GtkEditable *editable,
                    WbDateEntry *self)
{
  GDate date;
  const char *text = gtk_editable_get_text (editable);

  if (self->updating)
    return;
  /* A typed date that is no date says so at once; the form says why when it is saved. */
  if (*text != '\0' && !wb_date_parse (text, &date))
    gtk_widget_add_css_class (GTK_WIDGET (self->entry), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->entry), "warning");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
}

static void
show_date (WbDateEntry *self,
           const GDate *date)
{
  g_autofree char *text = date != NULL ? wb_format_table_date (date) : g_strdup ("");

  gtk_editable_set_text (GTK_EDITABLE (self->entry), text);
}

static void
on_day_selected_cb (GtkCalendar *calendar,
                    WbDateEntry *self)
{
  g_autoptr(GDateTime) chosen = gtk_calendar_get_date (calendar);
  GDate date;

  if (self->updating)
    return;
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) g_date_time_get_day_of_month (chosen),
                  (GDateMonth) g_date_time_get_month (chosen), (GDateYear) g_date_time_get_year (chosen));
  show_date (self, &date);
  gtk_menu_button_popdown (self->button);
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

/* The calendar opens on the date typed, or today. */
static void
on_popover_show_cb (GtkPopover  *popover,
                    WbDateEntry *self)
{
  GDate date;
  g_autoptr(GDateTime) when = NULL;

  if (wb_date_parse (gtk_editable_get_text (GTK_EDITABLE (self->entry)), &date))
    when = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date), 12, 0, 0);
  else
    when = g_date_time_new_now_local ();
  self->updating = TRUE;
  gtk_calendar_select_day (self->calendar, when);
  self->updating = FALSE;
  gtk_widget_grab_focus (GTK_WIDGET (self->calendar));
}

static void
wb_date_entry_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  WbDateEntry *self = WB_DATE_ENTRY (object);

  switch (prop_id)
    {
    case PROP_VALUE:
      g_value_take_string (value, wb_date_entry_dup_value (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wb_date_entry_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  WbDateEntry *self = WB_DATE_ENTRY (object);

  switch (prop_id)
    {
    case PROP_VALUE:
      wb_date_entry_set_value (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wb_date_entry_class_init (WbDateEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = wb_date_entry_get_property;
  object_class->set_property = wb_date_entry_set_property;

  properties[PROP_VALUE] = g_param_spec_string ("value", NULL, NULL, "",
                                                G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_widget_class_set_css_name (widget_class, "wbdateentry");
}

static void
wb_date_entry_init (WbDateEntry *self)
{
  GtkWidget *popover;

  gtk_widget_add_css_class (GTK_WIDGET (self), "linked");
  self->entry = GTK_ENTRY (gtk_entry_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (self->entry), TRUE);
  gtk_editable_set_width_chars (GTK_EDITABLE (self->entry), 11);
  /* TRANSLATORS: the placeholder of a date field: how a date is typed */
  gtk_entry_set_placeholder_text (self->entry, C_("date field", "dd-mm-yyyy"));
  gtk_entry_set_activates_default (self->entry, TRUE);
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->entry));

  self->calendar = GTK_CALENDAR (gtk_calendar_new ());
  popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (popover), GTK_WIDGET (self->calendar));
  self->button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_icon_name (self->button, "x-office-calendar-symbolic");
  gtk_menu_button_set_popover (self->button, popover);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), _("Choose the date in a calendar"));
  wb_a11y_set_label (GTK_WIDGET (self->button), _("Choose the date in a calendar"));
  wb_a11y_set_label (GTK_WIDGET (self->calendar), _("Calendar"));
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->button));

  g_signal_connect (self->entry, "changed", G_CALLBACK (on_text_changed_cb), self);
  g_signal_connect (self->calendar, "day-selected", G_CALLBACK (on_day_selected_cb), self);
  g_signal_connect (popover, "show", G_CALLBACK (on_popover_show_cb), self);
}

WbDateEntry *
wb_date_entry_new (void)
{
  return g_object_new (WB_TYPE_DATE_ENTRY, NULL);
}

void
wb_date_entry_set_value (WbDateEntry *self,
                         const char  *value)
{
  GDate date;

  g_return_if_fail (WB_IS_DATE_ENTRY (self));

  if (value == NULL || *value == '\0')
    show_date (self, NULL);
  else if (wb_date_parse (value, &date))
    show_date (self, &date);
  else
    gtk_editable_set_text (GTK_EDITABLE (self->entry), value);
}

char *
wb_date_entry_dup_value (WbDateEntry *self)
{
  const char *text;
  GDate date;

  g_return_val_if_fail (WB_IS_DATE_ENTRY (self), NULL);

  text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  if (*text == '\0')
    return g_strdup ("");
  if (wb_date_parse (text, &date))
    return iso_of (&date);
  return g_strdup (text);
}

gboolean
wb_date_entry_is_valid (WbDateEntry *self)
{
  const char *text;
  GDate date;

  g_return_val_if_fail (WB_IS_DATE_ENTRY (self), FALSE);

  text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  return *text == '\0' || wb_date_parse (text, &date);
}

void
wb_date_entry_set_label (WbDateEntry *self,
                         const char  *label)
{
  g_autofree char *button = NULL;

  g_return_if_fail (WB_IS_DATE_ENTRY (self));

  wb_a11y_set_label (GTK_WIDGET (self->entry), label);
  /* TRANSLATORS: the spoken name of a date field's calendar button; %s is the field */
  button = g_strdup_printf (_("%s: choose in a calendar"), label);
  wb_a11y_set_label (GTK_WIDGET (self->button), button);
}

GtkEditable *
wb_date_entry_get_editable (WbDateEntry *self)
{
  g_return_val_if_fail (WB_IS_DATE_ENTRY (self), NULL);
  return GTK_EDITABLE (self->entry);
}
