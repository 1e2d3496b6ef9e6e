/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-requirements-editor"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "wb-requirements-editor.h"

/* A competence added by hand is asked as an essential one at the middle level: the user
 * says otherwise when it is not. */
#define DEFAULT_LEVEL 3

typedef struct {
  gint64 id;
  char *label;
  int level;
  gboolean essential;
  GtkWidget *row;
  GtkSpinButton *level_spin;
  GtkCheckButton *essential_check;
} Item;

struct _WbRequirementsEditor
{
  GtkBox parent_instance;

  GtkListBox *list;
  WbRecordSearch *search;
  GPtrArray *items;       /* Item, in the order shown */
  char *value;
  gboolean updating;      /* the widgets follow the items: no feedback */
};

G_DEFINE_FINAL_TYPE (WbRequirementsEditor, wb_requirements_editor, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_VALUE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
item_free (Item *item)
{
  g_free (item->label);
  g_free (item);
}

/* The text of a list */

static int
compare_by_id (gconstpointer a,
               gconstpointer b)
{
  gint64 ia = json_object_get_int_member_with_default (*(JsonObject **) a, "competence_id", 0);
  gint64 ib = json_object_get_int_member_with_default (*(JsonObject **) b, "competence_id", 0);

  return (ia > ib) - (ia < ib);
}

char *
wb_requirements_to_text (JsonArray *competences)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  for (guint i = 0; competences != NULL && i < json_array_get_length (competences); i++)
    {
      JsonNode *node = json_array_get_element (competences, i);

      if (JSON_NODE_HOLDS_OBJECT (node))
        g_ptr_array_add (sorted, json_node_get_object (node));
    }
  /* No requirements is no value, as a vacancy without the field. */
  if (sorted->len == 0)
    return g_strdup ("");
  g_ptr_array_sort (sorted, compare_by_id);

  json_builder_begin_array (builder);
  for (guint i = 0; i < sorted->len; i++)
    {
      JsonObject *item = sorted->pdata[i];

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "competence_id");
      json_builder_add_int_value (builder, json_object_get_int_member_with_default (item, "competence_id", 0));
      json_builder_set_member_name (builder, "label");
      json_builder_add_string_value (builder, json_object_get_string_member_with_default (item, "label", ""));
      json_builder_set_member_name (builder, "level");
      json_builder_add_int_value (builder, json_object_get_int_member_with_default (item, "level", DEFAULT_LEVEL));
      json_builder_set_member_name (builder, "essential");
      json_builder_add_boolean_value (builder, json_object_get_boolean_member_with_default (item, "essential", TRUE));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

/* Every item of @text as an object, or NULL when @text is no list of them. */
static JsonArray *
parse_items (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (text == NULL || *text == '\0')
    return json_array_new ();
  if (!json_parser_load_from_data (parser, text, -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    return NULL;
  for (guint i = 0; i < json_array_get_length (json_node_get_array (root)); i++)
    if (!JSON_NODE_HOLDS_OBJECT (json_array_get_element (json_node_get_array (root), i)))
      return NULL;
  return json_array_ref (json_node_get_array (root));
}

JsonArray *
wb_requirements_parse (const char *text)
{
  g_autoptr(JsonArray) items = parse_items (text);
  JsonArray *result;

  if (items == NULL)
    return NULL;
  result = json_array_new ();
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      JsonObject *out = json_object_new ();

      json_object_set_int_member (out, "competence_id", json_object_get_int_member_with_default (item, "competence_id", 0));
      json_object_set_int_member (out, "level", json_object_get_int_member_with_default (item, "level", DEFAULT_LEVEL));
      json_object_set_boolean_member (out, "essential", json_object_get_boolean_member_with_default (item, "essential", TRUE));
      json_array_add_object_element (result, out);
    }
  return result;
}

char *
wb_requirements_describe (const char *text)
{
  g_autoptr(JsonArray) items = parse_items (text);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (items == NULL || json_array_get_length (items) == 0)
    return g_strdup (_("none"));
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      int level = (int) json_object_get_int_member_with_default (item, "level", DEFAULT_LEVEL);

      g_ptr_array_add (parts, g_strdup_printf (json_object_get_boolean_member_with_default (item, "essential", TRUE) ?
                                               /* TRANSLATORS: a competence a vacancy asks, its level and that it is essential */
                                               _("%s (level %d, essential)") :
                                               /* TRANSLATORS: a competence a vacancy asks, its level and that it is optional */
                                               _("%s (level %d, optional)"),
                                               json_object_get_string_member_with_default (item, "label", "?"), level));
    }
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (", ", (char **) parts->pdata);
}

/* The items and their value */

static Item *
find_item (WbRequirementsEditor *self,
           gint64                id,
           guint                *index)
{
  for (guint i = 0; i < self->items->len; i++)
    {
      Item *item = self->items->pdata[i];

      if (item->id == id)
        {
          if (index != NULL)
            *index = i;
          return item;
        }
    }
  return NULL;
}

static void
update_value (WbRequirementsEditor *self)
{
  g_autoptr(JsonArray) array = json_array_new ();
  g_autofree char *text = NULL;

  for (guint i = 0; i < self->items->len; i++)
    {
      Item *item = self->items->pdata[i];
      JsonObject *object = json_object_new ();

      json_object_set_int_member (object, "competence_id", item->id);
      json_object_set_string_member (object, "label", item->label);
      json_object_set_int_member (object, "level", item->level);
      json_object_set_boolean_member (object, "essential", item->essential);
      json_array_add_object_element (array, object);
    }
  text = wb_requirements_to_text (array);
  if (g_strcmp0 (text, self->value) == 0)
    return;
  g_free (self->value);
  self->value = g_steal_pointer (&text);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
}

/* The row says in words what its check box says. */
static void
show_essential (Item *item)
{
  adw_action_row_set_subtitle (ADW_ACTION_ROW (item->row), item->essential ? _("Essential") : _("Optional: a plus"));
}

static void
on_level_changed_cb (GtkSpinButton        *spin,
                     WbRequirementsEditor *self)
{
  Item *item = g_object_get_data (G_OBJECT (spin), "item");

  if (self->updating)
    return;
  item->level = gtk_spin_button_get_value_as_int (spin);
  update_value (self);
}

static void
on_essential_toggled_cb (GtkCheckButton       *check,
                         WbRequirementsEditor *self)
{
  Item *item = g_object_get_data (G_OBJECT (check), "item");

  if (self->updating)
    return;
  item->essential = gtk_check_button_get_active (check);
  show_essential (item);
  update_value (self);
}

static void
on_remove_clicked_cb (GtkButton            *button,
                      WbRequirementsEditor *self)
{
  Item *item = g_object_get_data (G_OBJECT (button), "item");
  guint index;

  if (find_item (self, item->id, &index) == NULL)
    return;
  wb_requirements_editor_remove (self, item->id);
  /* The focus goes on to the next row, or the search when none is left. */
  if (index < self->items->len)
    gtk_widget_grab_focus (GTK_WIDGET (((Item *) self->items->pdata[index])->level_spin));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->search));
}

static void
add_row (WbRequirementsEditor *self,
         Item                 *item)
{
  g_autofree char *level_name = NULL;
  g_autofree char *essential_name = NULL;
  g_autofree char *remove_name = NULL;
  GtkWidget *row, *spin, *check, *remove;

  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), item->label);

  spin = gtk_spin_button_new_with_range (1, 5, 1);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), item->level);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (spin, _("Level, from 1 to 5"));
  /* TRANSLATORS: the spoken name of the level of a competence a vacancy asks */
  level_name = g_strdup_printf (_("Level of %s"), item->label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, level_name, -1);
  g_object_set_data (G_OBJECT (spin), "item", item);
  g_signal_connect (spin, "value-changed", G_CALLBACK (on_level_changed_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);

  /* No label beside it: the row's subtitle says it, and leaves the name room in a narrow
   * window. */
  check = gtk_check_button_new ();
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), item->essential);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (check, _("Essential: a candidate without it lacks it; otherwise it counts as a plus"));
  /* TRANSLATORS: the spoken name of the check box that makes a competence essential */
  essential_name = g_strdup_printf (_("%s is essential"), item->label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, essential_name, -1);
  g_object_set_data (G_OBJECT (check), "item", item);
  g_signal_connect (check, "toggled", G_CALLBACK (on_essential_toggled_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), check);

  remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_add_css_class (remove, "flat");
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (remove, _("Remove this requirement"));
  /* TRANSLATORS: the spoken name of the button that removes a competence from a vacancy */
  remove_name = g_strdup_printf (_("Remove %s"), item->label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, remove_name, -1);
  g_object_set_data (G_OBJECT (remove), "item", item);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);

  item->row = row;
  item->level_spin = GTK_SPIN_BUTTON (spin);
  item->essential_check = GTK_CHECK_BUTTON (check);
  show_essential (item);
  gtk_list_box_append (self->list, row);
}

static void
clear_items (WbRequirementsEditor *self)
{
  for (guint i = 0; i < self->items->len; i++)
    gtk_list_box_remove (self->list, ((Item *) self->items->pdata[i])->row);
  g_ptr_array_set_size (self->items, 0);
}

static Item *
append_item (WbRequirementsEditor *self,
             gint64                id,
             const char           *label,
             int                   level,
             gboolean              essential)
{
  Item *item = g_new0 (Item, 1);

  item->id = id;
  item->label = g_strdup (label != NULL ? label : "?");
  item->level = CLAMP (level, 1, 5);
  item->essential = essential;
  g_ptr_array_add (self->items, item);
  add_row (self, item);
  return item;
}

static int
compare_shown (gconstpointer a,
               gconstpointer b)
{
  JsonObject *oa = *(JsonObject **) a;
  JsonObject *ob = *(JsonObject **) b;
  gboolean ea = json_object_get_boolean_member_with_default (oa, "essential", TRUE);
  gboolean eb = json_object_get_boolean_member_with_default (ob, "essential", TRUE);

  if (ea != eb)
    return ea ? -1 : 1;
  return g_utf8_collate (json_object_get_string_member_with_default (oa, "label", ""),
                         json_object_get_string_member_with_default (ob, "label", ""));
}

static void
set_value (WbRequirementsEditor *self,
           const char           *text)
{
  g_autoptr(JsonArray) items = parse_items (text);
  g_autoptr(GPtrArray) shown = g_ptr_array_new ();

  if (items == NULL)
    {
      g_warning ("Not a list of requirements: %s", text);
      return;
    }
  if (g_strcmp0 (text != NULL ? text : "", self->value) == 0)
    return;

  /* Shown essential first, then by name; kept in the user's order after that. */
  for (guint i = 0; i < json_array_get_length (items); i++)
    g_ptr_array_add (shown, json_array_get_object_element (items, i));
  g_ptr_array_sort (shown, compare_shown);
  self->updating = TRUE;
  clear_items (self);
  for (guint i = 0; i < shown->len; i++)
    {
      JsonObject *item = shown->pdata[i];

      append_item (self, json_object_get_int_member_with_default (item, "competence_id", 0),
                   json_object_get_string_member_with_default (item, "label", NULL),
                   (int) json_object_get_int_member_with_default (item, "level", DEFAULT_LEVEL),
                   json_object_get_boolean_member_with_default (item, "essential", TRUE));
    }
  self->updating = FALSE;
  update_value (self);
}

static void
on_competence_chosen_cb (WbRecordSearch       *search,
                         WbRecord             *competence,
                         WbRequirementsEditor *self)
{
  const char *label = wb_record_get_string (competence, "label_nl");

  if (label == NULL)
    label = wb_record_get_string (competence, "label_en");
  wb_requirements_editor_add (self, wb_record_get_id (competence), label, DEFAULT_LEVEL, TRUE);
}

/* GObject */

static void
wb_requirements_editor_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  WbRequirementsEditor *self = WB_REQUIREMENTS_EDITOR (object);

  switch (prop_id)
    {
    case PROP_VALUE:
      g_value_set_string (value, self->value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wb_requirements_editor_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  WbRequirementsEditor *self = WB_REQUIREMENTS_EDITOR (object);

  switch (prop_id)
    {
    case PROP_VALUE:
      set_value (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
wb_requirements_editor_finalize (GObject *object)
{
  WbRequirementsEditor *self = (WbRequirementsEditor *) object;

  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_free (self->value);

  G_OBJECT_CLASS (wb_requirements_editor_parent_class)->finalize (object);
}

static void
wb_requirements_editor_class_init (WbRequirementsEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = wb_requirements_editor_get_property;
  object_class->set_property = wb_requirements_editor_set_property;
  object_class->finalize = wb_requirements_editor_finalize;

  properties[PROP_VALUE] =
    g_param_spec_string ("value", NULL, NULL, "",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "wbrequirementseditor");
}

static void
wb_requirements_editor_init (WbRequirementsEditor *self)
{
  GtkWidget *placeholder;

  self->items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  self->value = g_strdup ("");
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 12);

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Competences the vacancy asks"), -1);
  placeholder = gtk_label_new (_("No competences yet: pick an occupation above, or add them here."));
  gtk_label_set_wrap (GTK_LABEL (placeholder), TRUE);
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_widget_set_margin_start (placeholder, 12);
  gtk_widget_set_margin_end (placeholder, 12);
  gtk_list_box_set_placeholder (self->list, placeholder);
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->list));

  self->search = wb_record_search_new (WB_RESOURCE_COMPETENCES, "label_nl", _("Add a competence…"),
                                       _("Add a competence"));
  wb_record_search_set_keep_choice (self->search, FALSE);
  g_signal_connect (self->search, "chosen", G_CALLBACK (on_competence_chosen_cb), self);
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->search));
}

WbRequirementsEditor *
wb_requirements_editor_new (void)
{
  return g_object_new (WB_TYPE_REQUIREMENTS_EDITOR, NULL);
}

void
wb_requirements_editor_set_session (WbRequirementsEditor *self,
                                    WbSession            *session)
{
  g_return_if_fail (WB_IS_REQUIREMENTS_EDITOR (self));
  wb_record_search_set_session (self->search, session);
}

gboolean
wb_requirements_editor_add (WbRequirementsEditor *self,
                            gint64                competence_id,
                            const char           *label,
                            int                   level,
                            gboolean              essential)
{
  g_return_val_if_fail (WB_IS_REQUIREMENTS_EDITOR (self), FALSE);
  g_return_val_if_fail (competence_id > 0, FALSE);

  if (find_item (self, competence_id, NULL) != NULL)
    return FALSE;
  append_item (self, competence_id, label, level, essential);
  update_value (self);
  return TRUE;
}

gboolean
wb_requirements_editor_remove (WbRequirementsEditor *self,
                               gint64                competence_id)
{
  Item *item;
  guint index;

  g_return_val_if_fail (WB_IS_REQUIREMENTS_EDITOR (self), FALSE);

  item = find_item (self, competence_id, &index);
  if (item == NULL)
    return FALSE;
  gtk_list_box_remove (self->list, item->row);
  g_ptr_array_remove_index (self->items, index);
  update_value (self);
  return TRUE;
}

gboolean
wb_requirements_editor_set_level (WbRequirementsEditor *self,
                                  gint64                competence_id,
                                  int                   level)
{
  Item *item;

  g_return_val_if_fail (WB_IS_REQUIREMENTS_EDITOR (self), FALSE);

  item = find_item (self, competence_id, NULL);
  if (item == NULL)
    return FALSE;
  /* Through the spin button, as a user would. */
  gtk_spin_button_set_value (item->level_spin, CLAMP (level, 1, 5));
  return TRUE;
}

gboolean
wb_requirements_editor_set_essential (WbRequirementsEditor *self,
                                      gint64                competence_id,
                                      gboolean              essential)
{
  Item *item;

  g_return_val_if_fail (WB_IS_REQUIREMENTS_EDITOR (self), FALSE);

  item = find_item (self, competence_id, NULL);
  if (item == NULL)
    return FALSE;
  gtk_check_button_set_active (item->essential_check, essential);
  return TRUE;
}

guint
wb_requirements_editor_get_n_items (WbRequirementsEditor *self)
{
  g_return_val_if_fail (WB_IS_REQUIREMENTS_EDITOR (self), 0);
  return self->items->len;
}

int
wb_requirements_editor_get_level (WbRequirementsEditor *self,
                                  gint64                competence_id)
{
  Item *item;

  g_return_val_if_fail (WB_IS_REQUIREMENTS_EDITOR (self), 0);

  item = find_item (self, competence_id, NULL);
  return item != NULL ? item->level : 0;
}

gboolean
wb_requirements_editor_get_essential (WbRequirementsEditor *self,
                                      gint64                competence_id)
{
  Item *item;

  g_return_val_if_fail (WB_IS_REQUIREMENTS_EDITOR (self), FALSE);

  item = find_item (self, competence_id, NULL);
  return item != NULL && item->essential;
}

gint64
wb_requirements_editor_get_id (WbRequirementsEditor *self,
                               guint                 index)
{
  g_return_val_if_fail (WB_IS_REQUIREMENTS_EDITOR (self), 0);
  return index < self->items->len ? ((Item *) self->items->pdata[index])->id : 0;
}

WbRecordSearch *
wb_requirements_editor_get_search (WbRequirementsEditor *self)
{
  g_return_val_if_fail (WB_IS_REQUIREMENTS_EDITOR (self), NULL);
  return self->search;
}

const char *
wb_requirements_editor_get_value (WbRequirementsEditor *self)
{
  g_return_val_if_fail (WB_IS_REQUIREMENTS_EDITOR (self), NULL);
  return self->value;
}
