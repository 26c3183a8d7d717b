/* rn-application.c: the app object: command line, app actions, the context
 * (library) shared by every window. */
#define G_LOG_DOMAIN "rn-app"

#include "config.h"

#include <glib/gi18n.h>

#include "rn-application.h"
#include "rn-window.h"

struct _RnApplication
{
  AdwApplication  parent_instance;

  char           *data_dir;
  RnContext      *context;
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
      window = GTK_WINDOW (rn_window_new (self, self->context));
    }
  gtk_window_present (window);
}

static void
rn_application_startup (GApplication *app)
{
  G_APPLICATION_CLASS (rn_application_parent_class)->startup (app);
  gtk_window_set_default_icon_name (APP_ID);
}

static void
rn_application_finalize (GObject *object)
{
  RnApplication *self = RN_APPLICATION (object);

  g_clear_object (&self->context);
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
