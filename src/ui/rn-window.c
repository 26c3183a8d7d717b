/* rn-window.c: the main window. */
#define G_LOG_DOMAIN "rn-window"

#include "config.h"

#include <glib/gi18n.h>

#include "rn-window.h"

struct _RnWindow
{
  AdwApplicationWindow  parent_instance;

  RnContext            *context;
  AdwStatusPage        *status_page;
};

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (RnWindow, rn_window, ADW_TYPE_APPLICATION_WINDOW)

static void
rn_window_dispose (GObject *object)
{
  RnWindow *self = RN_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RN_TYPE_WINDOW);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (rn_window_parent_class)->dispose (object);
}

static void
rn_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  RnWindow *self = RN_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rn_window_class_init (RnWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rn_window_dispose;
  object_class->set_property = rn_window_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, RN_TYPE_CONTEXT,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/RadNet/ui/rn-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RnWindow, status_page);
}

static void
rn_window_init (RnWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  adw_status_page_set_description (self->status_page, _("Your medical information network"));
}

RnWindow *
rn_window_new (RnApplication *app,
               RnContext     *context)
{
  return g_object_new (RN_TYPE_WINDOW,
                       "application", app,
                       "context", context,
                       NULL);
}
