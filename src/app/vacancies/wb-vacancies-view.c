/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-vacancies-view"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wb-candidates-panel.h"
#include "wb-vacancy-editor.h"
#include "wb-vacancy-page.h"

#include "wb-vacancies-view.h"

/* The vacancies view is the vacancy list's spec (wb-vacancy-list-model.c) on the list
 * machinery, the vacancy page, and taking a vacancy in. */
struct _WbVacanciesView
{
  WbListView parent_instance;

  GtkWidget *new_button;
};

G_DEFINE_FINAL_TYPE (WbVacanciesView, wb_vacancies_view, WB_TYPE_LIST_VIEW)

enum {
  OPEN_EMPLOYER,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

#define LIST(self) WB_LIST_VIEW (self)

static gboolean
may_take_in (WbVacanciesView *self)
{
  WbSession *session = wb_list_view_get_session (LIST (self));

  return session != NULL && wb_session_can (session, WB_RESOURCE_VACANCIES, WB_ACTION_CREATE, WB_SCOPE_OWN);
}

static void
update_tools (WbVacanciesView *self)
{
  gtk_widget_set_visible (self->new_button, may_take_in (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "vacancies.new", may_take_in (self));
}

/* The list machinery's hooks */

static WbListModel *
wb_vacancies_view_create_model (WbListView *view,
                                WbSession  *session)
{
  return WB_LIST_MODEL (wb_vacancy_list_model_new (session));
}

static void
on_open_employer_cb (WbVacancyPage   *page,
                     gint64           employer_id,
                     WbVacanciesView *self)
{
  g_signal_emit (self, signals[OPEN_EMPLOYER], 0, employer_id);
}

static WbRecordPage *
wb_vacancies_view_create_page (WbListView *view)
{
  WbVacancyPage *page = wb_vacancy_page_new ();

  g_signal_connect_object (page, "open-employer", G_CALLBACK (on_open_employer_cb), view, 0);
  /* The ranked candidates below the vacancy, for whoever may read matches. */
  wb_candidates_panel_attach_to_vacancy_page (page);
  return WB_RECORD_PAGE (page);
}

/* The page shows the list's record at once: a vacancy is small. */
static WbRecord *
wb_vacancies_view_dup_summary (WbListView *view,
                               gpointer    row)
{
  return g_object_ref (wb_vacancy_row_get_record (row));
}

/* Taking a vacancy in */

static void
on_created_cb (WbRecordEditor  *editor,
               WbRecord        *vacancy,
               WbVacanciesView *self)
{
  wb_list_view_toast (LIST (self), _("Vacancy taken in"));
  /* The new vacancy, on its page: where its candidates are. */
  wb_record_page_load (wb_list_view_get_page (LIST (self)), vacancy);
  wb_list_view_show_page (LIST (self));
}

GtkWindow *
wb_vacancies_view_new_vacancy (WbVacanciesView *self,
                               WbRecord        *employer)
{
  WbSession *session;
  WbRecordPage *page;
  WbVacancyEditor *editor;

  g_return_val_if_fail (WB_IS_VACANCIES_VIEW (self), NULL);
  g_return_val_if_fail (employer == NULL || WB_IS_RECORD (employer), NULL);

  session = wb_list_view_get_session (LIST (self));
  page = wb_list_view_get_page (LIST (self));
  if (session == NULL || !may_take_in (self) || wb_record_page_keep_unsaved_edits (page))
    return NULL;
  editor = wb_vacancy_editor_new_for_employer (session, employer);
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_created_cb), self, 0);
  /* The page keeps it: what is typed in it is kept as an edit of the page's is, also when
   * the window is closed. */
  wb_record_page_present_editor_window (page, GTK_WINDOW (editor));
  return GTK_WINDOW (editor);
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  wb_vacancies_view_new_vacancy (WB_VACANCIES_VIEW (widget), NULL);
}

/* GObject */

static void
wb_vacancies_view_class_init (WbVacanciesViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  WbListViewClass *list_class = WB_LIST_VIEW_CLASS (klass);

  list_class->create_model = wb_vacancies_view_create_model;
  list_class->create_page = wb_vacancies_view_create_page;
  list_class->dup_summary = wb_vacancies_view_dup_summary;

  signals[OPEN_EMPLOYER] = g_signal_new ("open-employer", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_install_action (widget_class, "vacancies.new", NULL, new_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "vacancies.new", NULL);

  gtk_widget_class_set_template_from_resource (widget_class, "/nl/werkbrug/Werkbrug/ui/wb-vacancies-view.ui");
  gtk_widget_class_bind_template_child (widget_class, WbVacanciesView, new_button);
  gtk_widget_class_set_css_name (widget_class, "wbvacanciesview");
}

static void
wb_vacancies_view_init (WbVacanciesView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  wb_list_view_set_spec (LIST (self), wb_vacancy_list_spec ());
  wb_list_view_add_tool (LIST (self), self->new_button);
  update_tools (self);
}

WbVacanciesView *
wb_vacancies_view_new (void)
{
  return g_object_new (WB_TYPE_VACANCIES_VIEW, NULL);
}

void
wb_vacancies_view_set_session (WbVacanciesView *self,
                               WbSession       *session)
{
  g_return_if_fail (WB_IS_VACANCIES_VIEW (self));

  wb_list_view_set_session (LIST (self), session);
  /* The tools follow the user's role. */
  update_tools (self);
}

void
wb_vacancies_view_open_vacancy (WbVacanciesView *self,
                                gint64           vacancy_id)
{
  WbVacancyRow *row;
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(WbRecord) summary = NULL;

  g_return_if_fail (WB_IS_VACANCIES_VIEW (self));
  g_return_if_fail (vacancy_id > 0);

  row = wb_list_model_find (wb_list_view_get_model (LIST (self)), vacancy_id);
  if (row != NULL)
    {
      wb_list_view_open_row (LIST (self), row);
      return;
    }
  /* Not in the list (yet): the page reads it from the server. */
  object = json_object_new ();
  json_object_set_int_member (object, "id", vacancy_id);
  summary = wb_record_new (WB_RESOURCE_VACANCIES, object);
  wb_record_page_load (wb_list_view_get_page (LIST (self)), summary);
  wb_list_view_show_page (LIST (self));
}
