/* Copyright 2026 The Werkbrug authors
 * SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "wb-login-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "wb-a11y.h"
#include "wb-core.h"
#include "wb-embedded-backend.h"
#include "wb-labels.h"

#include "wb-login-page.h"

struct _WbLoginPage
{
  GtkBox parent_instance;

  GtkLabel *description_label;
  GtkLabel *error_label;
  GtkLabel *note_label;
  GtkStack *mode_stack;
  AdwComboRow *role_row;
  GtkBox *demo_box;
  AdwEntryRow *username_row;
  AdwPasswordEntryRow *password_row;
  GtkButton *sign_in_button;
  GtkSpinner *spinner;
  GtkBox *retry_box;
  GtkLabel *retry_label;
  GtkButton *retry_button;

  /* Trying the server again while it cannot be reached: how often it failed in a row,
   * and the seconds left before the next try. */
  guint failures;
  guint seconds_left;
  guint retry_source;

  GPtrArray *groups;     /* AdwPreferencesGroup, one per organisation */
  char *demo_password;
};

G_DEFINE_FINAL_TYPE (WbLoginPage, wb_login_page, GTK_TYPE_BOX)

enum {
  LOGIN,
  RETRY,
  N_SIGNALS
};

/* The longest wait between two tries, in seconds. */
#define MAX_RETRY_DELAY 30

static guint signals[N_SIGNALS];

/* The roles in the order the filter offers them; index 0 is "every role". */
static const char * const filter_roles[] = {
  NULL, "account_manager_wsp", "account_manager_local", "consultant", "coordinator", "analyst", "admin",
};

static void
stop_retrying (WbLoginPage *self)
{
  g_clear_handle_id (&self->retry_source, g_source_remove);
}

static void
update_retry_label (WbLoginPage *self)
{
  g_autofree char *text = NULL;

  if (self->seconds_left == 0)
    text = g_strdup (_("Trying to reach the server…"));
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Trying again in %u second.", "Trying again in %u seconds.",
                                         self->seconds_left),
                            self->seconds_left);
  gtk_label_set_text (self->retry_label, text);
}

static void
emit_retry (WbLoginPage *self)
{
  stop_retrying (self);
  self->seconds_left = 0;
  update_retry_label (self);
  g_signal_emit (self, signals[RETRY], 0);
}

static gboolean
on_retry_tick_cb (gpointer user_data)
{
  WbLoginPage *self = user_data;

  if (self->seconds_left > 1)
    {
      self->seconds_left--;
      update_retry_label (self);
      return G_SOURCE_CONTINUE;
    }
  self->retry_source = 0;
  emit_retry (self);
  return G_SOURCE_REMOVE;
}

static void
on_retry_clicked_cb (GtkButton   *button,
                     WbLoginPage *self)
{
  emit_retry (self);
}

static void
on_demo_user_clicked_cb (GtkButton   *button,
                         WbLoginPage *self)
{
  const char *username = g_object_get_data (G_OBJECT (button), "username");

  g_signal_emit (self, signals[LOGIN], 0, username, self->demo_password);
}

static void
apply_role_filter (WbLoginPage *self)
{
  guint selected = adw_combo_row_get_selected (self->role_row);
  const char *role = selected < G_N_ELEMENTS (filter_roles) ? filter_roles[selected] : NULL;

  for (guint i = 0; i < self->groups->len; i++)
    {
      GtkWidget *group = self->groups->pdata[i];
      GPtrArray *rows = g_object_get_data (G_OBJECT (group), "rows");
      gboolean any = FALSE;

      for (guint j = 0; j < rows->len; j++)
        {
          GtkWidget *row = rows->pdata[j];
          gboolean show = role == NULL || g_strcmp0 (g_object_get_data (G_OBJECT (row), "role"), role) == 0;

          gtk_widget_set_visible (row, show);
          any |= show;
        }
      gtk_widget_set_visible (group, any);
    }
}

static void
on_role_selected_cb (AdwComboRow *row,
                     GParamSpec  *pspec,
                     WbLoginPage *self)
{
  apply_role_filter (self);
}

static void
submit (WbLoginPage *self)
{
  const char *username = gtk_editable_get_text (GTK_EDITABLE (self->username_row));
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));

  if (*username == '\0')
    {
      wb_login_page_set_error (self, _("Enter your user name."));
      gtk_widget_grab_focus (GTK_WIDGET (self->username_row));
      return;
    }
  g_signal_emit (self, signals[LOGIN], 0, username, password);
}

static void
on_sign_in_clicked_cb (GtkButton   *button,
                       WbLoginPage *self)
{
  submit (self);
}

static void
on_entry_activate_cb (AdwEntryRow *row,
                      WbLoginPage *self)
{
  submit (self);
}

static void
wb_login_page_dispose (GObject *object)
{
  WbLoginPage *self = (WbLoginPage *) object;

  stop_retrying (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), WB_TYPE_LOGIN_PAGE);
  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_pointer (&self->demo_password, g_free);

  G_OBJECT_CLASS (wb_login_page_parent_class)->dispose (object);
}

static void
wb_login_page_class_init (WbLoginPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = wb_login_page_dispose;

  signals[LOGIN] = g_signal_new ("login", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  /* Time to try the server again (by itself after a wait that grows, or asked for). */
  signals[RETRY] = g_signal_new ("retry", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/nl/werkbrug/Werkbrug/ui/wb-login-page.ui");
  gtk_widget_class_bind_template_child (widget_class, WbLoginPage, description_label);
  gtk_widget_class_bind_template_child (widget_class, WbLoginPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, WbLoginPage, note_label);
  gtk_widget_class_bind_template_child (widget_class, WbLoginPage, mode_stack);
  gtk_widget_class_bind_template_child (widget_class, WbLoginPage, role_row);
  gtk_widget_class_bind_template_child (widget_class, WbLoginPage, demo_box);
  gtk_widget_class_bind_template_child (widget_class, WbLoginPage, username_row);
  gtk_widget_class_bind_template_child (widget_class, WbLoginPage, password_row);
  gtk_widget_class_bind_template_child (widget_class, WbLoginPage, sign_in_button);
  gtk_widget_class_bind_template_child (widget_class, WbLoginPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, WbLoginPage, retry_box);
  gtk_widget_class_bind_template_child (widget_class, WbLoginPage, retry_label);
  gtk_widget_class_bind_template_child (widget_class, WbLoginPage, retry_button);
}

static void
wb_login_page_init (WbLoginPage *self)
{
  g_autoptr(GtkStringList) roles = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->groups = g_ptr_array_new ();

  gtk_string_list_append (roles, _("Every role"));
  for (guint i = 1; i < G_N_ELEMENTS (filter_roles); i++)
    gtk_string_list_append (roles, wb_label_for_role (filter_roles[i]));
  adw_combo_row_set_model (self->role_row, G_LIST_MODEL (roles));
  g_signal_connect (self->role_row, "notify::selected", G_CALLBACK (on_role_selected_cb), self);

  g_signal_connect (self->sign_in_button, "clicked", G_CALLBACK (on_sign_in_clicked_cb), self);
  g_signal_connect (self->retry_button, "clicked", G_CALLBACK (on_retry_clicked_cb), self);
  g_signal_connect (self->username_row, "entry-activated", G_CALLBACK (on_entry_activate_cb), self);
  g_signal_connect (self->password_row, "entry-activated", G_CALLBACK (on_entry_activate_cb), self);
  adw_entry_row_set_activates_default (ADW_ENTRY_ROW (self->password_row), FALSE);
  wb_a11y_name_icon_buttons (GTK_WIDGET (self->password_row), "view-reveal-symbolic", _("Show the password"));
}

WbLoginPage *
wb_login_page_new (void)
{
  return g_object_new (WB_TYPE_LOGIN_PAGE, NULL);
}

void
wb_login_page_set_demo_users (WbLoginPage *self,
                              GPtrArray   *users,
                              const char  *password)
{
  GtkWidget *child;
  AdwPreferencesGroup *group = NULL;
  gint64 group_org = -1;

  g_return_if_fail (WB_IS_LOGIN_PAGE (self));
  g_return_if_fail (users != NULL);

  g_free (self->demo_password);
  self->demo_password = g_strdup (password);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->demo_box))) != NULL)
    gtk_box_remove (self->demo_box, child);
  g_ptr_array_set_size (self->groups, 0);

  gtk_label_set_text (self->description_label,
                      _("Werkbrug runs on its own built-in server with synthetic demo data for South Limburg. "
                        "Pick a demo user to see what each role and organisation may see and do."));

  /* The users come ordered by id, which keeps the organisations together. */
  for (guint i = 0; i < users->len; i++)
    {
      WbDemoUser *user = users->pdata[i];
      GtkWidget *row, *button;
      GPtrArray *rows;
      g_autofree char *subtitle = NULL;
      g_autofree char *a11y = NULL;

      if (group == NULL || user->organisation_id != group_org)
        {
          group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
          adw_preferences_group_set_title (group, user->organisation != NULL ? user->organisation : "");
          g_object_set_data_full (G_OBJECT (group), "rows", g_ptr_array_new (), (GDestroyNotify) g_ptr_array_unref);
          gtk_box_append (self->demo_box, GTK_WIDGET (group));
          g_ptr_array_add (self->groups, group);
          group_org = user->organisation_id;
        }

      subtitle = g_strdup_printf ("%s · %s", wb_label_for_role (user->role), user->username);
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), user->display_name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      g_object_set_data_full (G_OBJECT (row), "role", g_strdup (user->role), g_free);

      button = gtk_button_new_with_label (_("Sign In"));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      /* The one name of the button (the row's title no longer adds itself to it). */
      a11y = g_strdup_printf (_("Sign in as %s (%s)"), user->username, user->display_name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, a11y, -1);
      gtk_widget_set_tooltip_text (button, a11y);
      g_object_set_data_full (G_OBJECT (button), "username", g_strdup (user->username), g_free);
      g_signal_connect (button, "clicked", G_CALLBACK (on_demo_user_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);

      adw_preferences_group_add (group, row);
      rows = g_object_get_data (G_OBJECT (group), "rows");
      g_ptr_array_add (rows, row);
    }

  apply_role_filter (self);
  gtk_stack_set_visible_child_name (self->mode_stack, "demo");
}

void
wb_login_page_set_server (WbLoginPage *self,
                          const char  *url,
                          const char  *username)
{
  g_autofree char *text = NULL;

  g_return_if_fail (WB_IS_LOGIN_PAGE (self));

  wb_login_page_set_reachable (self);
  text = g_strdup_printf (_("Sign in to the Werkbrug server at %s."), url);
  gtk_label_set_text (self->description_label, text);
  if (username != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->username_row), username);
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  gtk_stack_set_visible_child_name (self->mode_stack, "server");
}

void
wb_login_page_set_busy (WbLoginPage *self,
                        gboolean     busy)
{
  g_return_if_fail (WB_IS_LOGIN_PAGE (self));

  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  /* A text field that turns insensitive with the focus in it never hears that it lost it
   * (GTK warns); the focus leaves first, and comes back to the form when the try is over. */
  if (busy && focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->mode_stack)))
    gtk_root_set_focus (root, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->mode_stack), !busy);
  if (!busy && root != NULL && gtk_root_get_focus (root) == NULL &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->mode_stack), "server") == 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
  if (busy)
    {
      /* A sign-in is a try of its own; what the user typed stays. */
      stop_retrying (self);
      gtk_widget_set_visible (GTK_WIDGET (self->retry_box), FALSE);
      wb_login_page_set_error (self, NULL);
    }
}

void
wb_login_page_set_error (WbLoginPage *self,
                         const char  *message)
{
  g_return_if_fail (WB_IS_LOGIN_PAGE (self));

  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

const char *
wb_login_page_get_error (WbLoginPage *self)
{
  g_return_val_if_fail (WB_IS_LOGIN_PAGE (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    return NULL;
  return gtk_label_get_text (self->error_label);
}

void
wb_login_page_set_unreachable (WbLoginPage *self,
                               const char  *message)
{
  g_return_if_fail (WB_IS_LOGIN_PAGE (self));
  g_return_if_fail (message != NULL);

  /* 1, 2, 4, 8, 16 and then every 30 seconds: soon after a short outage, without
   * hammering a server that is being restarted. */
  stop_retrying (self);
  self->seconds_left = MIN ((guint) 1 << MIN (self->failures, 5u), (guint) MAX_RETRY_DELAY);
  self->failures++;
  wb_login_page_set_error (self, message);
  update_retry_label (self);
  gtk_widget_set_visible (GTK_WIDGET (self->retry_box), TRUE);
  self->retry_source = g_timeout_add_seconds (1, on_retry_tick_cb, self);
}

void
wb_login_page_set_reachable (WbLoginPage *self)
{
  g_return_if_fail (WB_IS_LOGIN_PAGE (self));

  stop_retrying (self);
  if (self->failures > 0)
    wb_login_page_set_error (self, NULL);
  self->failures = 0;
  self->seconds_left = 0;
  gtk_widget_set_visible (GTK_WIDGET (self->retry_box), FALSE);
}

gboolean
wb_login_page_is_retrying (WbLoginPage *self)
{
  g_return_val_if_fail (WB_IS_LOGIN_PAGE (self), FALSE);
  return gtk_widget_get_visible (GTK_WIDGET (self->retry_box));
}

void
wb_login_page_fill (WbLoginPage *self,
                    const char  *username,
                    const char  *password)
{
  g_return_if_fail (WB_IS_LOGIN_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->username_row), username != NULL ? username : "");
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), password != NULL ? password : "");
}

void
wb_login_page_get_typed (WbLoginPage  *self,
                         const char  **username,
                         const char  **password)
{
  g_return_if_fail (WB_IS_LOGIN_PAGE (self));

  if (username != NULL)
    *username = gtk_editable_get_text (GTK_EDITABLE (self->username_row));
  if (password != NULL)
    *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
}

void
wb_login_page_submit (WbLoginPage *self)
{
  g_return_if_fail (WB_IS_LOGIN_PAGE (self));
  submit (self);
}

void
wb_login_page_set_note (WbLoginPage *self,
                        const char  *note)
{
  g_return_if_fail (WB_IS_LOGIN_PAGE (self));

  gtk_label_set_text (self->note_label, note != NULL ? note : "");
  gtk_widget_set_visible (GTK_WIDGET (self->note_label), note != NULL);
}

const char *
wb_login_page_get_note (WbLoginPage *self)
{
  g_return_val_if_fail (WB_IS_LOGIN_PAGE (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->note_label)))
    return NULL;
  return gtk_label_get_text (self->note_label);
}
