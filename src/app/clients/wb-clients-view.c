/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-clients-view"

#include "config.h"

#include <glib/gi18n-lib.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "wb-cells.h"
#include "wb-client-profile.h"
#include "wb-filter-dropdown.h"
#include "wb-labels.h"
#include "wb-slot-model.h"

#include "wb-clients-view.h"

/* The first rows come in small pages, so that the list shows soon after signing in; the
 * rest in large ones, which cost fewer round trips. */
#define FIRST_PAGE_SIZE 250
#define PAGE_SIZE 1000

struct _WbClientsView
{
  GtkBox parent_instance;

  AdwLeaflet *leaflet;
  GtkWidget *list_page;
  GtkSearchBar *search_bar;
  GtkSearchEntry *search_entry;
  GtkBox *filter_box;
  GtkButton *clear_button;
  GtkLabel *count_label;
  GtkButton *open_button;
  GtkProgressBar *load_progress;
  GtkStack *list_stack;
  AdwStatusPage *loading_page;
  GtkColumnView *column_view;
  GtkButton *empty_clear_button;
  AdwStatusPage *error_page;
  GtkButton *error_retry_button;

  WbClientProfile *profile;
  GPtrArray *dropdowns;

  WbSession *session;
  WbClientListModel *model;
  WbSlotModel *slots;
  GtkSingleSelection *selection;
  GCancellable *load_cancellable;
  guint total;
  gboolean loading;
  gboolean loaded;
  gboolean failed;
};

G_DEFINE_FINAL_TYPE (WbClientsView, wb_clients_view, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_SEARCH_MODE,
  PROP_LOADED,
  N_PROPS
};

enum {
  BACKEND_ERROR,
  BACKEND_RECOVERED,
  TOAST,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void load_page (WbClientsView *self);

/* What the list shows */

static void
update_state (WbClientsView *self)
{
  guint shown = wb_client_list_model_get_n_shown (self->model);
  guint loaded = wb_client_list_model_get_n_loaded (self->model);
  g_autofree char *count = NULL;
  const char *page;

  if (self->failed && loaded == 0)
    page = "error";
  else if (loaded == 0)
    page = self->loaded ? "none" : "loading";
  else if (shown == 0)
    page = "empty";
  else
    page = "list";
  gtk_stack_set_visible_child_name (self->list_stack, page);

  if (wb_client_list_model_get_filtered (self->model))
    {
      g_autofree char *shown_text = g_strdup_printf ("%'u", shown);
      g_autofree char *loaded_text = g_strdup_printf ("%'u", loaded);

      /* TRANSLATORS: the number of clients the search and filters leave, of all loaded */
      count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s of %s client", "%s of %s clients", loaded),
                               shown_text, loaded_text);
    }
  else
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u client", "%'u clients", loaded), loaded);
  gtk_label_set_text (self->count_label, count);

  gtk_widget_set_sensitive (GTK_WIDGET (self->clear_button), wb_client_list_model_get_filtered (self->model));
  gtk_widget_set_sensitive (GTK_WIDGET (self->open_button), shown > 0 &&
                            gtk_single_selection_get_selected_item (self->selection) != NULL);
}

/* The selected row: the selection is over slots, each showing one row. */
static WbClientRow *
selected_row (WbClientsView *self)
{
  guint position = gtk_single_selection_get_selected (self->selection);

  return wb_slot_model_peek_item (self->slots, position);
}

static void
on_model_notify_cb (WbClientListModel *model,
                    GParamSpec        *pspec,
                    WbClientsView     *self)
{
  update_state (self);
}

static void
on_selection_changed_cb (GtkSingleSelection *selection,
                         GParamSpec         *pspec,
                         WbClientsView      *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->open_button), selected_row (self) != NULL);
}

/* GtkSingleSelection looks for its selected item among every row a filter change brings
 * back, one lookup per row: with nothing selected during the change, a keystroke over
 * 20,000 rows costs the filter only. The first match is selected again afterwards. */
static void
begin_refilter (WbClientsView *self)
{
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
}

static void
end_refilter (WbClientsView *self)
{
  if (wb_client_list_model_get_n_shown (self->model) > 0)
    gtk_single_selection_set_selected (self->selection, 0);
}

/* Columns */

static const char *
row_group_label (WbClientRow *row)
{
  return wb_label_for_enum ("client_group", wb_client_row_get_client_group (row));
}

static const char *
row_phase_label (WbClientRow *row)
{
  return wb_label_for_enum ("phase", wb_client_row_get_phase (row));
}

static const char *
row_capacity (WbClientRow *row)
{
  const char *band = wb_client_row_get_capacity_band (row);

  return band != NULL ? band : "—";
}

static void
bind_name_cb (GtkListItem *item,
              WbClientRow *row,
              gpointer     user_data)
{
  GtkWidget *label = gtk_list_item_get_child (item);

  wb_cell_set_text (label, wb_client_row_get_title (row));
  /* No tooltip here: setting one on every bind asks the X server where the pointer is. */
  wb_cell_set_style (label, wb_client_row_get_pseudonymous (row) ? "wb-pseudonym" : NULL);
}

static void
setup_badge_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_set_halign (label, GTK_ALIGN_START);
  gtk_widget_add_css_class (label, "wb-badge");
  gtk_list_item_set_child (item, label);
}

static void
bind_diagnosis_cb (GtkListItem *item,
                   WbClientRow *row,
                   gpointer     user_data)
{
  GtkWidget *label = gtk_list_item_get_child (item);
  WbDiagnosisStatus status = wb_client_row_get_diagnosis_status (row);

  wb_cell_set_text (label, wb_diagnosis_status_to_label (status));
  wb_cell_set_style (label, status == WB_DIAGNOSIS_CURRENT ? "success" :
                            status == WB_DIAGNOSIS_STALE ? "warning" : "error");
}

static void
bind_activity_cb (GtkListItem *item,
                  WbClientRow *row,
                  gpointer     user_data)
{
  int days = wb_client_row_get_days_idle (row);
  g_autofree char *text = NULL;

  if (days < 0)
    text = g_strdup (_("never"));
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day", "%d days", days), days);
  wb_cell_set_text (gtk_list_item_get_child (item), text);
}

static GtkColumnViewColumn *
add_column (WbClientsView  *self,
            const char     *title,
            WbClientColumn  column,
            GCallback       setup,
            GCallback       bind,
            gpointer        data,
            gboolean        expand,
            int             fixed_width)
{
  g_autoptr(GtkSorter) sorter = wb_client_list_model_create_sorter (column);

  return wb_cell_append_column (self->column_view, title, sorter, setup, (WbSlotBindFunc) bind, data, expand,
                                fixed_width);
}

static void
build_columns (WbClientsView *self)
{
  GCallback label = G_CALLBACK (wb_cell_setup_label);
  GCallback text = G_CALLBACK (wb_cell_bind_text);
  GtkColumnViewColumn *name;

  name = add_column (self, _("Name or pseudonym"), WB_CLIENT_COLUMN_NAME,
                     label, G_CALLBACK (bind_name_cb), NULL, TRUE, 200);
  add_column (self, _("Organisation"), WB_CLIENT_COLUMN_ORGANISATION,
              label, text, wb_client_row_get_organisation, TRUE, 200);
  add_column (self, _("Municipality"), WB_CLIENT_COLUMN_MUNICIPALITY,
              label, text, wb_client_row_get_municipality, FALSE, 150);
  add_column (self, _("Age"), WB_CLIENT_COLUMN_AGE,
              label, text, wb_client_row_get_age_text, FALSE, 70);
  add_column (self, _("Client group"), WB_CLIENT_COLUMN_GROUP,
              label, text, row_group_label, FALSE, 170);
  add_column (self, _("Phase"), WB_CLIENT_COLUMN_PHASE,
              label, text, row_phase_label, FALSE, 110);
  add_column (self, _("Capacity"), WB_CLIENT_COLUMN_CAPACITY,
              label, text, row_capacity, FALSE, 90);
  add_column (self, _("Diagnosis"), WB_CLIENT_COLUMN_DIAGNOSIS,
              G_CALLBACK (setup_badge_cb), G_CALLBACK (bind_diagnosis_cb), NULL, FALSE, 100);
  add_column (self, _("Last activity"), WB_CLIENT_COLUMN_ACTIVITY,
              label, G_CALLBACK (bind_activity_cb), NULL, FALSE, 110);
  gtk_column_view_sort_by_column (self->column_view, name, GTK_SORT_ASCENDING);
}

/* Filters: one drop-down per column, the first item meaning "any". */

typedef enum {
  FILTER_ORGANISATION,
  FILTER_MUNICIPALITY,
  FILTER_AGE,
  FILTER_GROUP,
  FILTER_PHASE,
  FILTER_CAPACITY,
  FILTER_DIAGNOSIS,
  FILTER_ACTIVITY,
} FilterKind;

static const char * const age_bands[] = { "<18", "18-24", "25-34", "35-44", "45-54", "55-64", "65+", NULL };
static const char * const capacity_bands[] = { "<30", "30-80", "80-100", NULL };

static void
on_filter_selected_cb (GtkDropDown   *dropdown,
                       GParamSpec    *pspec,
                       WbClientsView *self)
{
  FilterKind kind = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dropdown), "kind"));
  const char *value = wb_filter_dropdown_get_value (dropdown);

  begin_refilter (self);
  switch (kind)
    {
    case FILTER_ORGANISATION:
      wb_client_list_model_set_organisation (self->model, value ? g_ascii_strtoll (value, NULL, 10) : 0);
      break;
    case FILTER_MUNICIPALITY:
      wb_client_list_model_set_municipality (self->model, value ? g_ascii_strtoll (value, NULL, 10) : 0);
      break;
    case FILTER_AGE:
      wb_client_list_model_set_age_band (self->model, value);
      break;
    case FILTER_GROUP:
      wb_client_list_model_set_client_group (self->model, value);
      break;
    case FILTER_PHASE:
      wb_client_list_model_set_phase (self->model, value);
      break;
    case FILTER_CAPACITY:
      wb_client_list_model_set_capacity_band (self->model, value);
      break;
    case FILTER_DIAGNOSIS:
      wb_client_list_model_set_diagnosis (self->model, value ? (int) g_ascii_strtoll (value, NULL, 10) : -1);
      break;
    case FILTER_ACTIVITY:
      wb_client_list_model_set_activity (self->model, value ? (WbActivityBucket) g_ascii_strtoll (value, NULL, 10)
                                                            : WB_ACTIVITY_ANY);
      break;
    default:
      g_assert_not_reached ();
    }
  end_refilter (self);
}

static GtkDropDown *
add_filter (WbClientsView *self,
            FilterKind     kind,
            const char    *any_label,
            const char    *accessible_label)
{
  GtkDropDown *dropdown = wb_filter_dropdown_new (any_label, accessible_label);

  g_object_set_data (G_OBJECT (dropdown), "kind", GUINT_TO_POINTER (kind));
  g_signal_connect (dropdown, "notify::selected", G_CALLBACK (on_filter_selected_cb), self);
  gtk_box_append (self->filter_box, GTK_WIDGET (dropdown));
  g_ptr_array_add (self->dropdowns, dropdown);
  return dropdown;
}

static void
build_filters (WbClientsView *self)
{
  GtkDropDown *dropdown;

  add_filter (self, FILTER_ORGANISATION, _("Organisation"), _("Filter by organisation"));
  add_filter (self, FILTER_MUNICIPALITY, _("Municipality"), _("Filter by municipality"));

  dropdown = add_filter (self, FILTER_AGE, _("Age"), _("Filter by age"));
  for (guint i = 0; age_bands[i] != NULL; i++)
    wb_filter_dropdown_add_choice (dropdown, age_bands[i], age_bands[i]);

  dropdown = add_filter (self, FILTER_GROUP, _("Client group"), _("Filter by client group"));
  for (guint i = 0; wb_client_groups[i] != NULL; i++)
    wb_filter_dropdown_add_choice (dropdown, wb_label_for_enum ("client_group", wb_client_groups[i]),
                                   wb_client_groups[i]);

  dropdown = add_filter (self, FILTER_PHASE, _("Phase"), _("Filter by phase"));
  for (guint i = 0; wb_phases[i] != NULL; i++)
    wb_filter_dropdown_add_choice (dropdown, wb_label_for_enum ("phase", wb_phases[i]), wb_phases[i]);

  dropdown = add_filter (self, FILTER_CAPACITY, _("Capacity"), _("Filter by work capacity"));
  for (guint i = 0; capacity_bands[i] != NULL; i++)
    {
      g_autofree char *label = g_strdup_printf ("%s %%", capacity_bands[i]);
      wb_filter_dropdown_add_choice (dropdown, label, capacity_bands[i]);
    }

  dropdown = add_filter (self, FILTER_DIAGNOSIS, _("Diagnosis"), _("Filter by diagnosis status"));
  wb_filter_dropdown_add_choice (dropdown, _("No diagnosis"), "0");
  wb_filter_dropdown_add_choice (dropdown, _("Stale diagnosis"), "1");
  wb_filter_dropdown_add_choice (dropdown, _("Current diagnosis"), "2");

  dropdown = add_filter (self, FILTER_ACTIVITY, _("Activity"), _("Filter by last activity"));
  wb_filter_dropdown_add_choice (dropdown, _("Active in the last 30 days"), "1");
  wb_filter_dropdown_add_choice (dropdown, _("31 to 90 days ago"), "2");
  wb_filter_dropdown_add_choice (dropdown, _("91 days to a year ago"), "3");
  wb_filter_dropdown_add_choice (dropdown, _("Over a year ago or never"), "4");
}

static void
fill_lookup_filter (GtkDropDown *dropdown,
                    GListModel  *records,
                    const char  *name_field,
                    gboolean     clients_only)
{
  guint n = records != NULL ? g_list_model_get_n_items (records) : 0;

  wb_filter_dropdown_clear_choices (dropdown);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(WbRecord) record = g_list_model_get_item (records, i);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, wb_record_get_id (record));
      const char *kind = wb_record_get_string (record, "kind");

      /* WSPs own employer accounts, not clients. */
      if (clients_only && g_strcmp0 (kind, "wsp") == 0)
        continue;
      wb_filter_dropdown_add_choice (dropdown, wb_record_get_string (record, name_field), id);
    }
}

static void
reset_filters (WbClientsView *self)
{
  begin_refilter (self);
  for (guint i = 0; i < self->dropdowns->len; i++)
    gtk_drop_down_set_selected (self->dropdowns->pdata[i], 0);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  wb_client_list_model_reset_filters (self->model);
  end_refilter (self);
}

static void
on_clear_clicked_cb (GtkButton     *button,
                     WbClientsView *self)
{
  reset_filters (self);
}

static void
on_search_changed_cb (GtkSearchEntry *entry,
                      WbClientsView  *self)
{
  wb_clients_view_search (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

/* Loading page by page */

static void
fail (WbClientsView *self,
      const GError  *error)
{
  g_autofree char *message = g_strdup_printf (_("The clients could not be loaded: %s"), error->message);

  self->failed = TRUE;
  self->loading = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->load_progress), FALSE);
  adw_status_page_set_description (self->error_page, error->message);
  update_state (self);
  /* What the list already shows stays; the banner says what happened. */
  g_signal_emit (self, signals[BACKEND_ERROR], 0, message);
}

static void
on_page_loaded_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(WbClientsView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) records = NULL;
  guint total = 0;

  records = wb_api_client_list_finish (WB_API_CLIENT (source), result, &total, &error);
  if (records == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        fail (self, error);
      return;
    }

  if (self->failed)
    {
      self->failed = FALSE;
      g_signal_emit (self, signals[BACKEND_RECOVERED], 0);
    }

  self->total = total;
  wb_client_list_model_append_records (self->model, records);

  if (g_list_model_get_n_items (records) == 0 ||
      wb_client_list_model_get_n_loaded (self->model) >= total)
    {
      self->loading = FALSE;
      self->loaded = TRUE;
      gtk_widget_set_visible (GTK_WIDGET (self->load_progress), FALSE);
#ifdef __GLIBC__
      /* The parsed pages are gone; give their memory back instead of keeping it in the heap. */
      malloc_trim (0);
#endif
      update_state (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
      return;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->load_progress), TRUE);
  gtk_progress_bar_set_fraction (self->load_progress,
                                 (double) wb_client_list_model_get_n_loaded (self->model) / MAX (total, 1));
  update_state (self);
  load_page (self);
}

static void
load_page (WbClientsView *self)
{
  WbApiQuery query = { 0 };
  guint loaded = wb_client_list_model_get_n_loaded (self->model);

  /* Every page so far was full, so the next one starts where a page of either size does. */
  query.per_page = loaded < PAGE_SIZE ? FIRST_PAGE_SIZE : PAGE_SIZE;
  query.page = loaded / query.per_page + 1;
  self->loading = TRUE;
  wb_api_client_list_async (wb_session_get_api (self->session), WB_RESOURCE_CLIENTS, 0, &query,
                            self->load_cancellable, on_page_loaded_cb, g_object_ref (self));
}

static void
start_loading (WbClientsView *self)
{
  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  wb_client_list_model_clear (self->model);
  self->loaded = FALSE;
  self->failed = FALSE;
  self->total = 0;
  update_state (self);
  if (self->session == NULL || wb_session_get_api (self->session) == NULL)
    return;
  self->load_cancellable = g_cancellable_new ();
  load_page (self);
}

/* The profile */

static void
open_row (WbClientsView *self,
          WbClientRow   *row)
{
  g_autoptr(WbRecord) summary = NULL;

  if (row == NULL)
    return;
  summary = wb_client_row_dup_summary (row);
  wb_client_profile_load (self->profile, summary);
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->profile));
}

static void
on_activate_cb (GtkColumnView *view,
                guint          position,
                WbClientsView *self)
{
  open_row (self, wb_slot_model_peek_item (self->slots, position));
}

static void
on_open_clicked_cb (GtkButton     *button,
                    WbClientsView *self)
{
  open_row (self, selected_row (self));
}

static void
on_profile_back_cb (WbClientProfile *profile,
                    WbClientsView   *self)
{
  adw_leaflet_set_visible_child (self->leaflet, self->list_page);
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static void
on_profile_record_changed_cb (WbClientProfile *profile,
                              WbRecord        *record,
                              WbClientsView   *self)
{
  wb_client_list_model_replace_record (self->model, record);
}

static void
on_profile_error_cb (WbClientProfile *profile,
                     const char      *message,
                     WbClientsView   *self)
{
  if (message != NULL)
    g_signal_emit (self, signals[BACKEND_ERROR], 0, message);
  else
    g_signal_emit (self, signals[BACKEND_RECOVERED], 0);
}

static void
on_profile_toast_cb (WbClientProfile *profile,
                     const char      *message,
                     WbClientsView   *self)
{
  g_signal_emit (self, signals[TOAST], 0, message);
}

/* GObject */

static void
wb_clients_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  WbClientsView *self = WB_CLIENTS_VIEW (object);

  switch (prop_id)
    {
    case PROP_SEARCH_MODE:
      g_value_set_boolean (value, gtk_search_bar_get_search_mode (self->search_bar));
      break;
    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wb_clients_view_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  WbClientsView *self = WB_CLIENTS_VIEW (object);

  switch (prop_id)
    {
    case PROP_SEARCH_MODE:
      gtk_search_bar_set_search_mode (self->search_bar, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
on_search_mode_cb (GtkSearchBar  *bar,
                   GParamSpec    *pspec,
                   WbClientsView *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_MODE]);
}

static void
wb_clients_view_dispose (GObject *object)
{
  WbClientsView *self = (WbClientsView *) object;

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), WB_TYPE_CLIENTS_VIEW);
  g_clear_object (&self->selection);
  g_clear_object (&self->slots);
  g_clear_object (&self->model);
  g_clear_object (&self->session);
  g_clear_pointer (&self->dropdowns, g_ptr_array_unref);

  G_OBJECT_CLASS (wb_clients_view_parent_class)->dispose (object);
}

static void
wb_clients_view_class_init (WbClientsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = wb_clients_view_get_property;
  object_class->set_property = wb_clients_view_set_property;
  object_class->dispose = wb_clients_view_dispose;

  properties[PROP_SEARCH_MODE] =
    g_param_spec_boolean ("search-mode", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[BACKEND_ERROR] = g_signal_new ("backend-error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[BACKEND_RECOVERED] = g_signal_new ("backend-recovered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                             0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[TOAST] = g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/nl/werkbrug/Werkbrug/ui/wb-clients-view.ui");
  gtk_widget_class_bind_template_child (widget_class, WbClientsView, leaflet);
  gtk_widget_class_bind_template_child (widget_class, WbClientsView, list_page);
  gtk_widget_class_bind_template_child (widget_class, WbClientsView, search_bar);
  gtk_widget_class_bind_template_child (widget_class, WbClientsView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, WbClientsView, filter_box);
  gtk_widget_class_bind_template_child (widget_class, WbClientsView, clear_button);
  gtk_widget_class_bind_template_child (widget_class, WbClientsView, count_label);
  gtk_widget_class_bind_template_child (widget_class, WbClientsView, open_button);
  gtk_widget_class_bind_template_child (widget_class, WbClientsView, load_progress);
  gtk_widget_class_bind_template_child (widget_class, WbClientsView, list_stack);
  gtk_widget_class_bind_template_child (widget_class, WbClientsView, loading_page);
  gtk_widget_class_bind_template_child (widget_class, WbClientsView, column_view);
  gtk_widget_class_bind_template_child (widget_class, WbClientsView, empty_clear_button);
  gtk_widget_class_bind_template_child (widget_class, WbClientsView, error_page);
  gtk_widget_class_bind_template_child (widget_class, WbClientsView, error_retry_button);

  gtk_widget_class_set_css_name (widget_class, "wbclientsview");
}

static void
wb_clients_view_init (WbClientsView *self)
{
  GtkSorter *sorter;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->dropdowns = g_ptr_array_new ();

  self->model = wb_client_list_model_new (NULL);
  self->slots = wb_slot_model_new (wb_client_list_model_get_model (self->model));
  /* The "no match" page stands in for an empty list. */
  wb_slot_model_set_keep_when_empty (self->slots, TRUE);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->slots)));
  gtk_single_selection_set_autoselect (self->selection, TRUE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  build_columns (self);
  sorter = gtk_column_view_get_sorter (self->column_view);
  wb_client_list_model_set_sorter (self->model, sorter);
  build_filters (self);

  self->profile = wb_client_profile_new ();
  adw_leaflet_append (self->leaflet, GTK_WIDGET (self->profile));

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  gtk_search_bar_set_key_capture_widget (self->search_bar, GTK_WIDGET (self->list_page));

  g_signal_connect (self->model, "notify::n-shown", G_CALLBACK (on_model_notify_cb), self);
  g_signal_connect (self->model, "notify::n-loaded", G_CALLBACK (on_model_notify_cb), self);
  g_signal_connect (self->model, "notify::filtered", G_CALLBACK (on_model_notify_cb), self);
  g_signal_connect (self->selection, "notify::selected-item", G_CALLBACK (on_selection_changed_cb), self);
  g_signal_connect (self->search_entry, "search-changed", G_CALLBACK (on_search_changed_cb), self);
  g_signal_connect (self->search_bar, "notify::search-mode-enabled", G_CALLBACK (on_search_mode_cb), self);
  g_signal_connect (self->clear_button, "clicked", G_CALLBACK (on_clear_clicked_cb), self);
  g_signal_connect (self->empty_clear_button, "clicked", G_CALLBACK (on_clear_clicked_cb), self);
  g_signal_connect_swapped (self->error_retry_button, "clicked", G_CALLBACK (wb_clients_view_retry), self);
  g_signal_connect (self->column_view, "activate", G_CALLBACK (on_activate_cb), self);
  g_signal_connect (self->open_button, "clicked", G_CALLBACK (on_open_clicked_cb), self);
  g_signal_connect (self->profile, "back", G_CALLBACK (on_profile_back_cb), self);
  g_signal_connect (self->profile, "record-changed", G_CALLBACK (on_profile_record_changed_cb), self);
  g_signal_connect (self->profile, "backend-error", G_CALLBACK (on_profile_error_cb), self);
  g_signal_connect (self->profile, "toast", G_CALLBACK (on_profile_toast_cb), self);

  update_state (self);
}

WbClientsView *
wb_clients_view_new (void)
{
  return g_object_new (WB_TYPE_CLIENTS_VIEW, NULL);
}

void
wb_clients_view_set_session (WbClientsView *self,
                             WbSession     *session)
{
  GtkSorter *sorter;

  g_return_if_fail (WB_IS_CLIENTS_VIEW (self));
  g_return_if_fail (session == NULL || WB_IS_SESSION (session));

  g_set_object (&self->session, session);

  /* A new model for a new user: the rows carry names looked up in the session. */
  g_cancellable_cancel (self->load_cancellable);
  g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);
  self->model = wb_client_list_model_new (session);
  wb_slot_model_set_model (self->slots, wb_client_list_model_get_model (self->model));
  sorter = gtk_column_view_get_sorter (self->column_view);
  wb_client_list_model_set_sorter (self->model, sorter);
  g_signal_connect (self->model, "notify::n-shown", G_CALLBACK (on_model_notify_cb), self);
  g_signal_connect (self->model, "notify::n-loaded", G_CALLBACK (on_model_notify_cb), self);
  g_signal_connect (self->model, "notify::filtered", G_CALLBACK (on_model_notify_cb), self);

  for (guint i = 0; i < self->dropdowns->len; i++)
    gtk_drop_down_set_selected (self->dropdowns->pdata[i], 0);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  if (session != NULL)
    {
      fill_lookup_filter (self->dropdowns->pdata[FILTER_ORGANISATION],
                          wb_session_get_lookup (session, WB_RESOURCE_ORGANISATIONS), "name", TRUE);
      fill_lookup_filter (self->dropdowns->pdata[FILTER_MUNICIPALITY],
                          wb_session_get_lookup (session, WB_RESOURCE_MUNICIPALITIES), "name", FALSE);
    }

  wb_client_profile_set_session (self->profile, session);
  adw_leaflet_set_visible_child (self->leaflet, self->list_page);
  start_loading (self);
}

WbClientListModel *
wb_clients_view_get_list_model (WbClientsView *self)
{
  g_return_val_if_fail (WB_IS_CLIENTS_VIEW (self), NULL);
  return self->model;
}

GtkColumnView *
wb_clients_view_get_column_view (WbClientsView *self)
{
  g_return_val_if_fail (WB_IS_CLIENTS_VIEW (self), NULL);
  return self->column_view;
}

gboolean
wb_clients_view_get_loaded (WbClientsView *self)
{
  g_return_val_if_fail (WB_IS_CLIENTS_VIEW (self), FALSE);
  return self->loaded;
}

void
wb_clients_view_retry (WbClientsView *self)
{
  g_return_if_fail (WB_IS_CLIENTS_VIEW (self));

  if (self->session == NULL)
    return;
  if (!self->loaded && !self->loading)
    {
      /* Go on where the list stopped; the rows already there stay. */
      self->failed = FALSE;
      if (self->load_cancellable == NULL)
        self->load_cancellable = g_cancellable_new ();
      update_state (self);
      load_page (self);
    }
  wb_client_profile_retry (self->profile);
}

void
wb_clients_view_search (WbClientsView *self,
                        const char    *text)
{
  g_return_if_fail (WB_IS_CLIENTS_VIEW (self));

  begin_refilter (self);
  wb_client_list_model_set_search (self->model, text);
  end_refilter (self);
}

void
wb_clients_view_focus_search (WbClientsView *self)
{
  g_return_if_fail (WB_IS_CLIENTS_VIEW (self));

  adw_leaflet_set_visible_child (self->leaflet, self->list_page);
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

gboolean
wb_clients_view_has_unsaved_edits (WbClientsView *self)
{
  g_return_val_if_fail (WB_IS_CLIENTS_VIEW (self), FALSE);
  return wb_client_profile_has_unsaved_edits (self->profile);
}

void
wb_clients_view_present_editor (WbClientsView *self)
{
  g_return_if_fail (WB_IS_CLIENTS_VIEW (self));
  wb_client_profile_present_editor (self->profile);
}
