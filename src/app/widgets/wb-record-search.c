/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-record-search"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wb-a11y.h"

#include "wb-record-search.h"

/* A page of results is enough to pick from: typing more narrows it. */
#define N_RESULTS 20

struct _WbRecordSearch
{
  GtkBox parent_instance;

  GtkSearchEntry *entry;
  GtkLabel *status_label;
  GtkListBox *results_box;

  WbResource resource;
  char *label_field;
  WbSession *session;
  WbRecordSearchDescribe describe;
  gboolean keep_choice;

  char *value;             /* the chosen id as text, "" for none */
  char *chosen_label;      /* what the entry shows for the choice */
  GListModel *results;     /* WbRecord */
  GCancellable *cancellable;
  gboolean searching;
};

G_DEFINE_FINAL_TYPE (WbRecordSearch, wb_record_search, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_VALUE,
  PROP_N_RESULTS,
  PROP_SEARCHING,
  N_PROPS
};

enum {
  CHOSEN,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char *
record_label (WbRecordSearch *self,
              WbRecord       *record)
{
  const char *label = wb_record_get_string (record, self->label_field);

  /* A competence ESCO names in English only shows that name. */
  if (label == NULL)
    label = wb_record_get_string (record, "label_en");
  return label != NULL ? label : "?";
}

static void
set_searching (WbRecordSearch *self,
               gboolean        searching)
{
  if (self->searching == searching)
    return;
  self->searching = searching;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCHING]);
}

static void
set_status (WbRecordSearch *self,
            const char     *text)
{
  gtk_label_set_text (self->status_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), text != NULL);
}

static void
set_value_internal (WbRecordSearch *self,
                    const char     *value,
                    const char     *label)
{
  g_free (self->chosen_label);
  self->chosen_label = g_strdup (label);
  if (g_strcmp0 (self->value, value) == 0)
    return;
  g_free (self->value);
  self->value = g_strdup (value != NULL ? value : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
}

/* Shows @text in the entry without searching for it. */
static void
show_text (WbRecordSearch *self,
           const char     *text)
{
  g_signal_handlers_block_matched (self->entry, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), text != NULL ? text : "");
  gtk_editable_set_position (GTK_EDITABLE (self->entry), -1);
  g_signal_handlers_unblock_matched (self->entry, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
}

/* The results */

static void
clear_results (WbRecordSearch *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->results_box))) != NULL)
    gtk_list_box_remove (self->results_box, child);
  gtk_widget_set_visible (GTK_WIDGET (self->results_box), FALSE);
  if (self->results == NULL)
    return;
  g_clear_object (&self->results);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_RESULTS]);
}

static void
on_result_clicked_cb (GtkButton      *button,
                      WbRecordSearch *self)
{
  wb_record_search_choose (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index")));
}

static GtkWidget *
result_button_new (WbRecordSearch *self,
                   WbRecord       *record,
                   guint           index)
{
  const char *label = record_label (self, record);
  g_autofree char *description = self->describe != NULL ? self->describe (record, self->session) : NULL;
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (label);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_box_append (GTK_BOX (box), title);
  if (description != NULL)
    {
      GtkWidget *subtitle = gtk_label_new (description);

      gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
      gtk_label_set_wrap (GTK_LABEL (subtitle), TRUE);
      gtk_widget_add_css_class (subtitle, "dim-label");
      gtk_widget_add_css_class (subtitle, "caption");
      gtk_box_append (GTK_BOX (box), subtitle);
    }
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_hexpand (button, TRUE);
  /* The name is spoken, the description after it. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description != NULL ? description : "", -1);
  g_object_set_data (G_OBJECT (button), "index", GUINT_TO_POINTER (index));
  g_signal_connect (button, "clicked", G_CALLBACK (on_result_clicked_cb), self);
  return button;
}

static void
show_results (WbRecordSearch *self,
              GListModel     *results,
              guint           total,
              const char     *text)
{
  guint n = g_list_model_get_n_items (results);

  clear_results (self);
  self->results = g_object_ref (results);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WbRecord) record = g_list_model_get_item (results, i);
      GtkWidget *row = gtk_list_box_row_new ();

      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), result_button_new (self, record, i));
      gtk_list_box_append (self->results_box, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->results_box), n > 0);

  if (n == 0)
    {
      /* TRANSLATORS: under a search for an occupation, employer or competence */
      g_autofree char *message = g_strdup_printf (_("Nothing matches “%s”"), text);
      set_status (self, message);
    }
  else if (total > n)
    {
      /* TRANSLATORS: under a search: how many results are shown, of how many */
      g_autofree char *message = g_strdup_printf (_("The first %u of %u: type more to narrow them down"), n, total);
      set_status (self, message);
    }
  else
    set_status (self, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_RESULTS]);
}

typedef struct {
  WbRecordSearch *self;
  char *text;
} Search;

static void
on_results_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Search *search = user_data;
  g_autoptr(WbRecordSearch) self = search->self;
  g_autofree char *text = search->text;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) results = NULL;
  guint total = 0;

  g_free (search);
  results = wb_api_client_list_finish (WB_API_CLIENT (source), result, &total, &error);
  if (results == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  set_searching (self, FALSE);
  if (results == NULL)
    {
      clear_results (self);
      set_status (self, error->message);
      return;
    }
  show_results (self, results, total, text);
}

void
wb_record_search_search (WbRecordSearch *self,
                         const char     *text)
{
  g_autofree char *query_text = NULL;
  WbApiQuery query = { .per_page = N_RESULTS };
  Search *search;

  g_return_if_fail (WB_IS_RECORD_SEARCH (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  query_text = g_strstrip (g_strdup (text != NULL ? text : ""));
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->entry)), text) != 0)
    show_text (self, text);

  if (*query_text == '\0')
    {
      set_searching (self, FALSE);
      clear_results (self);
      set_status (self, NULL);
      /* An emptied picker has no choice. */
      if (self->keep_choice)
        set_value_internal (self, "", NULL);
      return;
    }
  if (self->session == NULL || wb_session_get_api (self->session) == NULL)
    return;

  self->cancellable = g_cancellable_new ();
  set_searching (self, TRUE);
  query.q = query_text;
  search = g_new0 (Search, 1);
  search->self = g_object_ref (self);
  search->text = g_strdup (query_text);
  wb_api_client_list_async (wb_session_get_api (self->session), self->resource, 0, &query, self->cancellable,
                            on_results_cb, search);
}

/* Callbacks */

static void
on_search_changed_cb (GtkSearchEntry *entry,
                      WbRecordSearch *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  /* The choice shown in the entry is no search. */
  if (self->chosen_label != NULL && g_strcmp0 (text, self->chosen_label) == 0)
    return;
  wb_record_search_search (self, text);
}

static void
on_activate_cb (GtkSearchEntry *entry,
                WbRecordSearch *self)
{
  if (wb_record_search_get_n_results (self) > 0)
    wb_record_search_choose (self, 0);
}

static void
on_stop_search_cb (GtkSearchEntry *entry,
                   WbRecordSearch *self)
{
  clear_results (self);
  set_status (self, NULL);
}

/* Down from the entry goes to the results. */
static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   WbRecordSearch        *self)
{
  GtkListBoxRow *first;

  if (keyval != GDK_KEY_Down && keyval != GDK_KEY_KP_Down)
    return FALSE;
  first = gtk_list_box_get_row_at_index (self->results_box, 0);
  if (first == NULL)
    return FALSE;
  gtk_widget_grab_focus (gtk_list_box_row_get_child (first));
  return TRUE;
}

static void
on_record_loaded_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(WbRecordSearch) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(WbRecord) record = wb_api_client_get_finish (WB_API_CLIENT (source), result, &error);
  g_autofree char *id = NULL;

  if (record == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("The chosen record could not be read: %s", error->message);
      return;
    }
  /* Only if it is still the choice. */
  id = g_strdup_printf ("%" G_GINT64_FORMAT, wb_record_get_id (record));
  if (g_strcmp0 (id, self->value) != 0)
    return;
  g_free (self->chosen_label);
  self->chosen_label = g_strdup (record_label (self, record));
  show_text (self, self->chosen_label);
}

/* GObject */

static void
wb_record_search_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  WbRecordSearch *self = WB_RECORD_SEARCH (object);

  switch (prop_id)
    {
    case PROP_VALUE:
      g_value_set_string (value, self->value);
      break;
    case PROP_N_RESULTS:
      g_value_set_uint (value, wb_record_search_get_n_results (self));
      break;
    case PROP_SEARCHING:
      g_value_set_boolean (value, self->searching);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wb_record_search_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  WbRecordSearch *self = WB_RECORD_SEARCH (object);

  switch (prop_id)
    {
    case PROP_VALUE:
      wb_record_search_set_value (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wb_record_search_dispose (GObject *object)
{
  WbRecordSearch *self = (WbRecordSearch *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->results);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (wb_record_search_parent_class)->dispose (object);
}

static void
wb_record_search_finalize (GObject *object)
{
  WbRecordSearch *self = (WbRecordSearch *) object;

  g_free (self->label_field);
  g_free (self->value);
  g_free (self->chosen_label);

  G_OBJECT_CLASS (wb_record_search_parent_class)->finalize (object);
}

static void
wb_record_search_class_init (WbRecordSearchClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = wb_record_search_get_property;
  object_class->set_property = wb_record_search_set_property;
  object_class->dispose = wb_record_search_dispose;
  object_class->finalize = wb_record_search_finalize;

  properties[PROP_VALUE] =
    g_param_spec_string ("value", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_RESULTS] =
    g_param_spec_uint ("n-results", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEARCHING] =
    g_param_spec_boolean ("searching", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHOSEN] = g_signal_new ("chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, WB_TYPE_RECORD);

  gtk_widget_class_set_css_name (widget_class, "wbrecordsearch");
}

static void
wb_record_search_init (WbRecordSearch *self)
{
  GtkEventController *keys;

  self->value = g_strdup ("");
  self->keep_choice = TRUE;
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 6);

  self->entry = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->entry));
  self->status_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->status_label, 0);
  gtk_label_set_wrap (self->status_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "dim-label");
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), FALSE);
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->status_label));
  self->results_box = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->results_box, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->results_box), "boxed-list");
  gtk_widget_set_visible (GTK_WIDGET (self->results_box), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->results_box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Search results"), -1);
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->results_box));

  g_signal_connect (self->entry, "search-changed", G_CALLBACK (on_search_changed_cb), self);
  g_signal_connect (self->entry, "activate", G_CALLBACK (on_activate_cb), self);
  g_signal_connect (self->entry, "stop-search", G_CALLBACK (on_stop_search_cb), self);
  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->entry), keys);
}

WbRecordSearch *
wb_record_search_new (WbResource  resource,
                      const char *label_field,
                      const char *placeholder,
                      const char *accessible)
{
  WbRecordSearch *self;

  g_return_val_if_fail (label_field != NULL && accessible != NULL, NULL);

  self = g_object_new (WB_TYPE_RECORD_SEARCH, NULL);
  self->resource = resource;
  self->label_field = g_strdup (label_field);
  g_object_set (self->entry, "placeholder-text", placeholder, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  return self;
}

void
wb_record_search_set_session (WbRecordSearch *self,
                              WbSession      *session)
{
  g_return_if_fail (WB_IS_RECORD_SEARCH (self));
  g_return_if_fail (session == NULL || WB_IS_SESSION (session));

  g_set_object (&self->session, session);
}

void
wb_record_search_set_describe (WbRecordSearch         *self,
                               WbRecordSearchDescribe  describe)
{
  g_return_if_fail (WB_IS_RECORD_SEARCH (self));
  self->describe = describe;
}

void
wb_record_search_set_keep_choice (WbRecordSearch *self,
                                  gboolean        keep_choice)
{
  g_return_if_fail (WB_IS_RECORD_SEARCH (self));
  self->keep_choice = keep_choice;
}

void
wb_record_search_set_record (WbRecordSearch *self,
                             WbRecord       *record)
{
  g_autofree char *id = NULL;

  g_return_if_fail (WB_IS_RECORD_SEARCH (self));
  g_return_if_fail (WB_IS_RECORD (record));

  id = g_strdup_printf ("%" G_GINT64_FORMAT, wb_record_get_id (record));
  set_value_internal (self, id, record_label (self, record));
  show_text (self, self->chosen_label);
}

const char *
wb_record_search_get_value (WbRecordSearch *self)
{
  g_return_val_if_fail (WB_IS_RECORD_SEARCH (self), NULL);
  return self->value;
}

void
wb_record_search_set_value (WbRecordSearch *self,
                            const char     *value)
{
  gint64 id;

  g_return_if_fail (WB_IS_RECORD_SEARCH (self));

  if (value == NULL)
    value = "";
  if (g_strcmp0 (value, self->value) == 0)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  set_searching (self, FALSE);
  clear_results (self);
  set_status (self, NULL);
  set_value_internal (self, value, NULL);
  show_text (self, "");
  if (!g_ascii_string_to_signed (value, 10, 1, G_MAXINT64, &id, NULL) || self->session == NULL)
    return;
  /* The name follows when the record has been read. */
  self->cancellable = g_cancellable_new ();
  wb_api_client_get_async (wb_session_get_api (self->session), self->resource, id, NULL, self->cancellable,
                           on_record_loaded_cb, g_object_ref (self));
}

const char *
wb_record_search_get_text (WbRecordSearch *self)
{
  g_return_val_if_fail (WB_IS_RECORD_SEARCH (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->entry));
}

gboolean
wb_record_search_get_searching (WbRecordSearch *self)
{
  g_return_val_if_fail (WB_IS_RECORD_SEARCH (self), FALSE);
  return self->searching;
}

guint
wb_record_search_get_n_results (WbRecordSearch *self)
{
  g_return_val_if_fail (WB_IS_RECORD_SEARCH (self), 0);
  return self->results != NULL ? g_list_model_get_n_items (self->results) : 0;
}

WbRecord *
wb_record_search_get_result (WbRecordSearch *self,
                             guint           index)
{
  WbRecord *record;

  g_return_val_if_fail (WB_IS_RECORD_SEARCH (self), NULL);

  if (self->results == NULL || index >= g_list_model_get_n_items (self->results))
    return NULL;
  /* The results keep it. */
  record = g_list_model_get_item (self->results, index);
  g_object_unref (record);
  return record;
}

void
wb_record_search_choose (WbRecordSearch *self,
                         guint           index)
{
  g_autoptr(WbRecord) record = NULL;

  g_return_if_fail (WB_IS_RECORD_SEARCH (self));

  if (self->results == NULL || index >= g_list_model_get_n_items (self->results))
    return;
  record = g_list_model_get_item (self->results, index);
  clear_results (self);
  set_status (self, NULL);
  if (self->keep_choice)
    wb_record_search_set_record (self, record);
  else
    show_text (self, "");
  g_signal_emit (self, signals[CHOSEN], 0, record);
  /* The next key goes on where the user was. */
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}
