/* rn-preferences-window.c: every row is bound to its key, so a change
 * applies at once. */
#define G_LOG_DOMAIN "rn-preferences"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pubmed/rn-pubmed-key.h"
#include "rn-preferences-window.h"

struct _RnPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;
  RnContext            *context;
  GCancellable         *cancellable;

  AdwComboRow          *color_scheme_row;
  GtkSpinButton        *refresh_spin;
  GtkSpinButton        *retention_spin;
  AdwComboRow          *remote_images_row;
  AdwEntryRow          *email_row;
  AdwPreferencesGroup  *api_key_group;
  AdwEntryRow          *api_key_row;
  GtkWidget            *remove_key_button;
};

G_DEFINE_FINAL_TYPE (RnPreferencesWindow, rn_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* Enum keys ↔ the position in a combo row: the nicks in schema order. */
static const char *const color_schemes[] = { "default", "light", "dark", NULL };
static const char *const remote_images[] = { "load", "ask", "never", NULL };

static gboolean
enum_to_position (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  const char *const *nicks = user_data;
  const char *nick = g_variant_get_string (variant, NULL);

  for (guint i = 0; nicks[i] != NULL; i++)
    if (g_strcmp0 (nicks[i], nick) == 0)
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
position_to_enum (const GValue       *value,
                  const GVariantType *type,
                  gpointer            user_data)
{
  const char *const *nicks = user_data;
  guint pos = g_value_get_uint (value);

  if (pos >= g_strv_length ((char **) nicks))
    return NULL;
  return g_variant_new_string (nicks[pos]);
}

static gboolean
looks_like_email (const char *text)
{
  const char *at = strchr (text, '@');

  return *text == '\0' || (at != NULL && at != text && strchr (at, '.') != NULL && strchr (text, ' ') == NULL);
}

static void
on_email_apply_cb (RnPreferencesWindow *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->email_row))));

  if (!looks_like_email (text))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->email_row), "error");
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                        adw_toast_new (_("This does not look like an e-mail address")));
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (self->email_row), "error");
  g_settings_set_string (self->settings, "contact-email", text);
}

static void
update_key_state (RnPreferencesWindow *self)
{
  gtk_widget_set_visible (self->remove_key_button,
                          rn_pubmed_client_has_api_key (rn_context_get_pubmed (self->context)));
}

static void
on_key_saved (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(RnPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean removed;

  if (!rn_pubmed_key_save_finish (result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          gtk_widget_add_css_class (GTK_WIDGET (self->api_key_row), "error");
          adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (error->message));
        }
      return;
    }
  removed = !rn_pubmed_client_has_api_key (rn_context_get_pubmed (self->context));
  gtk_widget_remove_css_class (GTK_WIDGET (self->api_key_row), "error");
  /* The field never shows a stored key back. */
  gtk_editable_set_text (GTK_EDITABLE (self->api_key_row), "");
  update_key_state (self);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                    adw_toast_new (removed ? _("API key removed from the keyring")
                                                           : _("API key saved in the keyring")));
}

static void
save_key (RnPreferencesWindow *self,
          const char          *key)
{
  rn_pubmed_key_save_async (rn_context_get_credentials (self->context), rn_context_get_pubmed (self->context),
                            key, self->cancellable, on_key_saved, g_object_ref (self));
}

static void
on_api_key_apply_cb (RnPreferencesWindow *self)
{
  g_autofree char *key = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->api_key_row))));

  /* An empty field is not a removal: that is the trash button's job. */
  if (*key == '\0')
    return;
  save_key (self, key);
}

static void
on_remove_key_cb (RnPreferencesWindow *self)
{
  save_key (self, NULL);
}

/* libadwaita 1.2 gives the row's show/hide button an icon and no name; a
 * screen reader would announce "button". */
static void
name_reveal_button (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BUTTON (child) && g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (child)), "view-reveal-symbolic") == 0)
        {
          gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          _("Show the Key"), -1);
          gtk_widget_set_tooltip_text (child, _("Show the Key"));
        }
      name_reveal_button (child);
    }
}

static void
rn_preferences_window_dispose (GObject *object)
{
  RnPreferencesWindow *self = RN_PREFERENCES_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), RN_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->context);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (rn_preferences_window_parent_class)->dispose (object);
}

static void
rn_preferences_window_class_init (RnPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rn_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/RadNet/ui/rn-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RnPreferencesWindow, color_scheme_row);
  gtk_widget_class_bind_template_child (widget_class, RnPreferencesWindow, refresh_spin);
  gtk_widget_class_bind_template_child (widget_class, RnPreferencesWindow, retention_spin);
  gtk_widget_class_bind_template_child (widget_class, RnPreferencesWindow, remote_images_row);
  gtk_widget_class_bind_template_child (widget_class, RnPreferencesWindow, email_row);
  gtk_widget_class_bind_template_child (widget_class, RnPreferencesWindow, api_key_group);
  gtk_widget_class_bind_template_child (widget_class, RnPreferencesWindow, api_key_row);
  gtk_widget_class_bind_template_child (widget_class, RnPreferencesWindow, remove_key_button);
  gtk_widget_class_bind_template_callback (widget_class, on_email_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_api_key_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_remove_key_cb);
}

static void
rn_preferences_window_init (RnPreferencesWindow *self)
{
  g_autofree char *email = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = g_settings_new (APP_ID);
  self->cancellable = g_cancellable_new ();
  name_reveal_button (GTK_WIDGET (self->api_key_row));

  g_settings_bind_with_mapping (self->settings, "color-scheme", self->color_scheme_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, enum_to_position, position_to_enum,
                                (gpointer) color_schemes, NULL);
  g_settings_bind_with_mapping (self->settings, "remote-images", self->remote_images_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, enum_to_position, position_to_enum,
                                (gpointer) remote_images, NULL);
  g_settings_bind (self->settings, "refresh-interval", self->refresh_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "retention-days", self->retention_spin, "value", G_SETTINGS_BIND_DEFAULT);

  email = g_settings_get_string (self->settings, "contact-email");
  gtk_editable_set_text (GTK_EDITABLE (self->email_row), email);
}

GtkWindow *
rn_preferences_window_new (GtkWindow *parent,
                           RnContext *context)
{
  RnPreferencesWindow *self = g_object_new (RN_TYPE_PREFERENCES_WINDOW,
                                            "transient-for", parent,
                                            "modal", TRUE,
                                            NULL);

  g_return_val_if_fail (context == NULL || RN_IS_CONTEXT (context), GTK_WINDOW (self));
  if (context != NULL)
    {
      self->context = g_object_ref (context);
      update_key_state (self);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->api_key_group), context != NULL);
  return GTK_WINDOW (self);
}
