/* rn-application.c: the app object: command line, app actions, the context
 * (library) shared by every window. */
#define G_LOG_DOMAIN "rn-app"

#include "config.h"

#include <glib/gi18n.h>

#include "prefs/rn-preferences-window.h"
#include "pubmed/rn-pubmed-key.h"
#include "rn-application.h"
#include "rn-window.h"

struct _RnApplication
{
  AdwApplication  parent_instance;

  char           *data_dir;
  RnContext      *context;
  GSettings      *settings;
  GCancellable   *cancellable;     /* keyring look-ups; cancelled on shutdown */
  gboolean        refresher_started;
};

G_DEFINE_FINAL_TYPE (RnApplication, rn_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "version", 'v', 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and exit"), NULL },
  { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Use the library in DIR"), N_("DIR") },
  { NULL }
};

static int
rn_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  RnApplication *self = RN_APPLICATION (app);
  const char *dir = NULL;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("radnet %s\n", PACKAGE_VERSION);
      return 0;
    }
  if (g_variant_dict_lookup (options, "data-dir", "^&ay", &dir))
    self->data_dir = g_strdup (dir);

  return -1;
}

static void
show_fatal_error (RnApplication *self,
                  const char    *message)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (NULL, _("Cannot Open the Library"), message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
apply_refresh_settings (RnApplication *self)
{
  RnRefresher *refresher = rn_context_get_refresher (self->context);

  rn_refresher_set_default_interval (refresher, g_settings_get_uint (self->settings, "refresh-interval") * 60);
  rn_refresher_set_retention_days (refresher, g_settings_get_uint (self->settings, "retention-days"));
}

static void
apply_contact_email (RnApplication *self)
{
  g_autofree char *email = g_settings_get_string (self->settings, "contact-email");

  rn_context_set_contact_email (self->context, email);
}

static void
on_pubmed_key_loaded (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  gboolean found = FALSE;

  /* Without the keyring PubMed still works at NCBI's keyless rate; the
   * Accounts dialog is where a missing keyring is explained. */
  if (!rn_pubmed_key_load_finish (result, &found, &error))
    g_debug ("NCBI API key not loaded: %s", error->message);
  else if (found)
    g_debug ("NCBI API key loaded from the keyring");
}

static void
start_refresher (RnApplication *self)
{
  g_signal_connect_swapped (self->settings, "changed::refresh-interval", G_CALLBACK (apply_refresh_settings), self);
  g_signal_connect_swapped (self->settings, "changed::retention-days", G_CALLBACK (apply_refresh_settings), self);
  g_signal_connect_swapped (self->settings, "changed::contact-email", G_CALLBACK (apply_contact_email), self);
  apply_refresh_settings (self);
  apply_contact_email (self);
  rn_pubmed_key_load_async (rn_context_get_credentials (self->context), rn_context_get_pubmed (self->context),
                            self->cancellable, on_pubmed_key_loaded, NULL);
  /* Tests and benchmarks run on fixture libraries whose addresses must
   * not be fetched. */
  if (g_getenv ("RADNET_NO_AUTO_REFRESH") == NULL)
    {
      rn_refresher_set_scheduled (rn_context_get_refresher (self->context), TRUE);
      rn_marker_sync_start (rn_context_get_marker_sync (self->context));
    }
}

static void
rn_application_activate (GApplication *app)
{
  RnApplication *self = RN_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      g_autoptr(GError) error = NULL;

      if (self->context == NULL)
        self->context = rn_context_new (self->data_dir, &error);
      if (self->context == NULL)
        {
          show_fatal_error (self, error->message);
          return;
        }
      if (self->settings != NULL && !self->refresher_started)
        {
          self->refresher_started = TRUE;
          start_refresher (self);
        }
      window = GTK_WINDOW (rn_window_new (self, self->context));
    }
  gtk_window_present (window);
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  RnApplication *self = RN_APPLICATION (user_data);
  GtkWindow *prefs = rn_preferences_window_new (parent, self->context);

  if (RN_IS_WINDOW (parent))
    rn_window_extend_preferences (RN_WINDOW (parent), ADW_PREFERENCES_WINDOW (prefs));
  gtk_window_present (prefs);
}

#define RN_HELP_URL      "https://radnet.example.com/help"
#define RN_SOURCE_URL    "https://radnet.example.com/git/radnet"
#define RN_TRANSLATE_URL "https://radnet.example.com/translate"

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (user_data));
  static const char *developers[] = { "The RadNet Contributors", NULL };
  static const char *artists[] = { "The RadNet Contributors", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "modal", TRUE,
                        "application-icon", APP_ID,
                        "application-name", _("RadNet"),
                        "developer-name", _("The RadNet Contributors"),
                        "version", PACKAGE_VERSION,
                        "comments", _("A medical information network for clinicians: journals, searches, societies and podcasts in one place"),
                        "website", PACKAGE_URL,
                        "issue-url", PACKAGE_BUGREPORT,
                        "support-url", RN_HELP_URL,
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        "artists", artists,
                        /* Translators: replace with your names, one per line */
                        "translator-credits", _("translator-credits"),
                        "copyright", "© 2025–2026 The RadNet Contributors",
                        NULL);
  /* The same addresses as the AppStream metainfo (a packaging test
   * compares them). */
  adw_about_window_add_link (ADW_ABOUT_WINDOW (about), _("Source Code"), RN_SOURCE_URL);
  adw_about_window_add_link (ADW_ABOUT_WINDOW (about), _("Translations"), RN_TRANSLATE_URL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GApplication *app = G_APPLICATION (user_data);
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (app)));

  /* Close the windows so that they save their state. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
  g_application_quit (app);
}

static const GActionEntry app_actions[] = {
  { "preferences", preferences_action, NULL, NULL, NULL, { 0 } },
  { "about", about_action, NULL, NULL, NULL, { 0 } },
  { "quit", quit_action, NULL, NULL, NULL, { 0 } },
};

static void
apply_color_scheme (RnApplication *self)
{
  AdwStyleManager *style = adw_style_manager_get_default ();

  switch (g_settings_get_enum (self->settings, "color-scheme"))
    {
    case 1:  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT); break;
    case 2:  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK); break;
    default: adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT); break;
    }
}

static void
rn_application_startup (GApplication *app)
{
  RnApplication *self = RN_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *prefs_accels[] = { "<Control>comma", NULL };

  G_APPLICATION_CLASS (rn_application_parent_class)->startup (app);
  gtk_window_set_default_icon_name (APP_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences", prefs_accels);

  self->settings = g_settings_new (APP_ID);
  g_signal_connect_swapped (self->settings, "changed::color-scheme", G_CALLBACK (apply_color_scheme), self);
  apply_color_scheme (self);
}

static void
rn_application_finalize (GObject *object)
{
  RnApplication *self = RN_APPLICATION (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->context);
  g_clear_object (&self->settings);
  g_free (self->data_dir);

  G_OBJECT_CLASS (rn_application_parent_class)->finalize (object);
}

static void
rn_application_class_init (RnApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = rn_application_finalize;
  app_class->activate = rn_application_activate;
  app_class->startup = rn_application_startup;
  app_class->handle_local_options = rn_application_handle_local_options;
}

static void
rn_application_init (RnApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  self->cancellable = g_cancellable_new ();
}

RnApplication *
rn_application_new (void)
{
  return g_object_new (RN_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/com/example/RadNet",
                       NULL);
}

RnContext *
rn_application_get_context (RnApplication *self)
{
  g_return_val_if_fail (RN_IS_APPLICATION (self), NULL);
  return self->context;
}

void
rn_application_set_data_dir (RnApplication *self,
                             const char    *data_dir)
{
  g_return_if_fail (RN_IS_APPLICATION (self));
  g_free (self->data_dir);
  self->data_dir = g_strdup (data_dir);
}
