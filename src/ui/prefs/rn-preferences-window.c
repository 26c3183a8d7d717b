/* rn-preferences-window.c: every row is bound to its key, so a change
 * applies at once. */
#define G_LOG_DOMAIN "rn-preferences"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rn-preferences-window.h"

struct _RnPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  AdwComboRow          *color_scheme_row;
  GtkSpinButton        *refresh_spin;
  GtkSpinButton        *retention_spin;
  AdwComboRow          *remote_images_row;
  AdwEntryRow          *email_row;
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
rn_preferences_window_dispose (GObject *object)
{
  RnPreferencesWindow *self = RN_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RN_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

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
  gtk_widget_class_bind_template_callback (widget_class, on_email_apply_cb);
}

static void
rn_preferences_window_init (RnPreferencesWindow *self)
{
  g_autofree char *email = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = g_settings_new (APP_ID);

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
rn_preferences_window_new (GtkWindow *parent)
{
  return g_object_new (RN_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
}
