/* rn-image-viewer.h: the images of one item, one at a time, zoomable. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define RN_TYPE_IMAGE_VIEWER (rn_image_viewer_get_type ())
G_DECLARE_FINAL_TYPE (RnImageViewer, rn_image_viewer, RN, IMAGE_VIEWER, AdwWindow)

/* @images: GdkPaintable * (referenced); @alts: char * at the same index
 * (NULL or "" when an image has no description); starts at @index. */
RnImageViewer *rn_image_viewer_new        (GtkWindow     *parent,
                                           GPtrArray     *images,
                                           GPtrArray     *alts,
                                           guint          index);
guint          rn_image_viewer_get_index  (RnImageViewer *self);
guint          rn_image_viewer_get_n_images (RnImageViewer *self);
/* 1.0 is the image's own size; 0 means "fit to the window". */
double         rn_image_viewer_get_zoom   (RnImageViewer *self);
void           rn_image_viewer_set_zoom   (RnImageViewer *self,
                                           double         zoom);

G_END_DECLS
