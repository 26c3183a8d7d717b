/* rn-image-viewer.c: a case's images at full size. Zoom is a size request
 * on the picture inside a scrolled window, so scrolling, scrollbars and
 * kinetic panning come from GtkScrolledWindow; "fit" (zoom 0) lets the
 * picture shrink to the window instead. */
#define G_LOG_DOMAIN "rn-viewer"

#include "config.h"

#include <glib/gi18n.h>

#include "rn-image-viewer.h"

#define MIN_ZOOM 0.1
#define MAX_ZOOM 8.0
#define ZOOM_STEP 1.25

struct _RnImageViewer
{
  AdwWindow          parent_instance;

  GPtrArray         *images;      /* GdkPaintable */
  GPtrArray         *alts;        /* char * */
  guint              index;
  double             zoom;        /* 0: fit */
  double             gesture_start;

  AdwWindowTitle    *title;
  GtkScrolledWindow *scroller;
  GtkPicture        *picture;
  GtkLabel          *caption;
  GtkWidget         *previous_button;
  GtkWidget         *next_button;
};

G_DEFINE_FINAL_TYPE (RnImageViewer, rn_image_viewer, ADW_TYPE_WINDOW)

/* The zoom at which the image fits the window: what "zoom in" starts from
 * when the picture is fitted. */
static double
fit_zoom (RnImageViewer *self)
{
  GdkPaintable *p = g_ptr_array_index (self->images, self->index);
  int iw = MAX (1, gdk_paintable_get_intrinsic_width (p));
  int ih = MAX (1, gdk_paintable_get_intrinsic_height (p));
  int w = gtk_widget_get_width (GTK_WIDGET (self->scroller));
  int h = gtk_widget_get_height (GTK_WIDGET (self->scroller));

  if (w <= 0 || h <= 0)
    return 1.0;
  return MIN (1.0, MIN ((double) w / iw, (double) h / ih));
}

static void
apply_zoom (RnImageViewer *self)
{
  GdkPaintable *p = g_ptr_array_index (self->images, self->index);

  if (self->zoom <= 0)
    {
      gtk_picture_set_can_shrink (self->picture, TRUE);
      gtk_widget_set_size_request (GTK_WIDGET (self->picture), -1, -1);
      gtk_scrolled_window_set_policy (self->scroller, GTK_POLICY_NEVER, GTK_POLICY_NEVER);
    }
  else
    {
      gtk_picture_set_can_shrink (self->picture, TRUE);
      gtk_widget_set_size_request (GTK_WIDGET (self->picture),
                                   (int) (gdk_paintable_get_intrinsic_width (p) * self->zoom),
                                   (int) (gdk_paintable_get_intrinsic_height (p) * self->zoom));
      gtk_scrolled_window_set_policy (self->scroller, GTK_POLICY_AUTOMATIC, GTK_POLICY_AUTOMATIC);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.zoom-in", self->zoom < MAX_ZOOM);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.zoom-out", self->zoom <= 0 || self->zoom > MIN_ZOOM);
}

static void
show_current (RnImageViewer *self)
{
  const char *alt = g_ptr_array_index (self->alts, self->index);
  g_autofree char *counter = NULL;
  gboolean has_alt = alt != NULL && *alt != '\0';

  gtk_picture_set_paintable (self->picture, g_ptr_array_index (self->images, self->index));
  gtk_picture_set_alternative_text (self->picture, has_alt ? alt : NULL);
  /* Translators: "Image 1 of 3" */
  counter = g_strdup_printf (_("Image %u of %u"), self->index + 1, self->images->len);
  adw_window_title_set_title (self->title, counter);
  gtk_label_set_label (self->caption, has_alt ? alt : "");
  gtk_widget_set_visible (GTK_WIDGET (self->caption), has_alt);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.previous", self->index > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.next", self->index + 1 < self->images->len);
  gtk_widget_set_visible (self->previous_button, self->images->len > 1);
  gtk_widget_set_visible (self->next_button, self->images->len > 1);
  self->zoom = 0;
  apply_zoom (self);
}

void
rn_image_viewer_set_zoom (RnImageViewer *self,
                          double         zoom)
{
  g_return_if_fail (RN_IS_IMAGE_VIEWER (self));
  self->zoom = zoom <= 0 ? 0 : CLAMP (zoom, MIN_ZOOM, MAX_ZOOM);
  apply_zoom (self);
}

static void
zoom_by (RnImageViewer *self,
         double         factor)
{
  double from = self->zoom > 0 ? self->zoom : fit_zoom (self);

  rn_image_viewer_set_zoom (self, from * factor);
}

static void
zoom_in_action (GtkWidget *widget, const char *name, GVariant *param)
{
  zoom_by (RN_IMAGE_VIEWER (widget), ZOOM_STEP);
}

static void
zoom_out_action (GtkWidget *widget, const char *name, GVariant *param)
{
  zoom_by (RN_IMAGE_VIEWER (widget), 1.0 / ZOOM_STEP);
}

static void
zoom_fit_action (GtkWidget *widget, const char *name, GVariant *param)
{
  rn_image_viewer_set_zoom (RN_IMAGE_VIEWER (widget), 0);
}

static void
zoom_original_action (GtkWidget *widget, const char *name, GVariant *param)
{
  rn_image_viewer_set_zoom (RN_IMAGE_VIEWER (widget), 1.0);
}

static void
previous_action (GtkWidget *widget, const char *name, GVariant *param)
{
  RnImageViewer *self = RN_IMAGE_VIEWER (widget);

  if (self->index == 0)
    return;
  self->index--;
  show_current (self);
}

static void
next_action (GtkWidget *widget, const char *name, GVariant *param)
{
  RnImageViewer *self = RN_IMAGE_VIEWER (widget);

  if (self->index + 1 >= self->images->len)
    return;
  self->index++;
  show_current (self);
}

static void
close_action (GtkWidget *widget, const char *name, GVariant *param)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static void
on_zoom_begin (GtkGesture       *gesture,
               GdkEventSequence *sequence,
               RnImageViewer    *self)
{
  self->gesture_start = self->zoom > 0 ? self->zoom : fit_zoom (self);
}

static void
on_zoom_scale_changed (GtkGestureZoom *gesture,
                       double          scale,
                       RnImageViewer  *self)
{
  rn_image_viewer_set_zoom (self, self->gesture_start * scale);
}

/* Ctrl + wheel zooms; the plain wheel scrolls (the scrolled window). */
static gboolean
on_scroll (GtkEventControllerScroll *scroll,
           double                    dx,
           double                    dy,
           RnImageViewer            *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (scroll));

  if ((state & GDK_CONTROL_MASK) == 0 || dy == 0)
    return FALSE;
  zoom_by (self, dy < 0 ? ZOOM_STEP : 1.0 / ZOOM_STEP);
  return TRUE;
}

static void
rn_image_viewer_dispose (GObject *object)
{
  RnImageViewer *self = RN_IMAGE_VIEWER (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RN_TYPE_IMAGE_VIEWER);
  g_clear_pointer (&self->images, g_ptr_array_unref);
  g_clear_pointer (&self->alts, g_ptr_array_unref);
  G_OBJECT_CLASS (rn_image_viewer_parent_class)->dispose (object);
}

static void
rn_image_viewer_class_init (RnImageViewerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rn_image_viewer_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/com/example/RadNet/ui/rn-image-viewer.ui");
  gtk_widget_class_bind_template_child (widget_class, RnImageViewer, title);
  gtk_widget_class_bind_template_child (widget_class, RnImageViewer, scroller);
  gtk_widget_class_bind_template_child (widget_class, RnImageViewer, picture);
  gtk_widget_class_bind_template_child (widget_class, RnImageViewer, caption);
  gtk_widget_class_bind_template_child (widget_class, RnImageViewer, previous_button);
  gtk_widget_class_bind_template_child (widget_class, RnImageViewer, next_button);

  gtk_widget_class_install_action (widget_class, "viewer.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "viewer.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "viewer.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "viewer.zoom-in", NULL);
  gtk_widget_class_install_action (widget_class, "viewer.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "viewer.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "viewer.zoom-out", NULL);
  gtk_widget_class_install_action (widget_class, "viewer.zoom-fit", NULL, zoom_fit_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "viewer.zoom-fit", NULL);
  gtk_widget_class_install_action (widget_class, "viewer.zoom-original", NULL, zoom_original_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_CONTROL_MASK, "viewer.zoom-original", NULL);
  gtk_widget_class_install_action (widget_class, "viewer.previous", NULL, previous_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "viewer.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, 0, "viewer.previous", NULL);
  gtk_widget_class_install_action (widget_class, "viewer.next", NULL, next_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "viewer.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, 0, "viewer.next", NULL);
  gtk_widget_class_install_action (widget_class, "viewer.close", NULL, close_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "viewer.close", NULL);
}

static void
rn_image_viewer_init (RnImageViewer *self)
{
  GtkGesture *zoom;
  GtkEventController *scroll;

  gtk_widget_init_template (GTK_WIDGET (self));

  zoom = gtk_gesture_zoom_new ();
  g_signal_connect (zoom, "begin", G_CALLBACK (on_zoom_begin), self);
  g_signal_connect (zoom, "scale-changed", G_CALLBACK (on_zoom_scale_changed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->scroller), GTK_EVENT_CONTROLLER (zoom));

  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  gtk_event_controller_set_propagation_phase (scroll, GTK_PHASE_CAPTURE);
  g_signal_connect (scroll, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (GTK_WIDGET (self->scroller), scroll);
}

RnImageViewer *
rn_image_viewer_new (GtkWindow *parent,
                     GPtrArray *images,
                     GPtrArray *alts,
                     guint      index)
{
  RnImageViewer *self;

  g_return_val_if_fail (images != NULL && images->len > 0, NULL);
  g_return_val_if_fail (alts != NULL && alts->len == images->len, NULL);

  self = g_object_new (RN_TYPE_IMAGE_VIEWER,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
  self->images = g_ptr_array_new_with_free_func (g_object_unref);
  self->alts = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < images->len; i++)
    {
      g_ptr_array_add (self->images, g_object_ref (g_ptr_array_index (images, i)));
      g_ptr_array_add (self->alts, g_strdup (g_ptr_array_index (alts, i)));
    }
  self->index = MIN (index, images->len - 1);
  show_current (self);
  return self;
}

guint
rn_image_viewer_get_index (RnImageViewer *self)
{
  g_return_val_if_fail (RN_IS_IMAGE_VIEWER (self), 0);
  return self->index;
}

guint
rn_image_viewer_get_n_images (RnImageViewer *self)
{
  g_return_val_if_fail (RN_IS_IMAGE_VIEWER (self), 0);
  return self->images != NULL ? self->images->len : 0;
}

double
rn_image_viewer_get_zoom (RnImageViewer *self)
{
  g_return_val_if_fail (RN_IS_IMAGE_VIEWER (self), 0);
  return self->zoom;
}
