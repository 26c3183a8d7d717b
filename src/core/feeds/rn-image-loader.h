/* rn-image-loader.h: fetches remote images (thumbnails, pictures of an
 * article) for the reader and the item lists, with a size cap and a check
 * that the answer is an image. Decoding is left to the caller. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define RN_IMAGE_LOADER_ERROR (rn_image_loader_error_quark ())

typedef enum
{
  RN_IMAGE_LOADER_ERROR_INVALID_URL,
  RN_IMAGE_LOADER_ERROR_HTTP,        /* a status other than 2xx */
  RN_IMAGE_LOADER_ERROR_NOT_IMAGE,   /* the content type is not a raster image */
  RN_IMAGE_LOADER_ERROR_TOO_LARGE,
  RN_IMAGE_LOADER_ERROR_NETWORK,
} RnImageLoaderError;

/* The largest image body read, in bytes. */
#define RN_IMAGE_LOADER_MAX_BYTES (10 * 1024 * 1024)

#define RN_TYPE_IMAGE_LOADER (rn_image_loader_get_type ())
G_DECLARE_FINAL_TYPE (RnImageLoader, rn_image_loader, RN, IMAGE_LOADER, GObject)

GQuark         rn_image_loader_error_quark (void);

RnImageLoader *rn_image_loader_new         (void) G_GNUC_WARN_UNUSED_RESULT;
/* Only http and https URLs are fetched. */
void           rn_image_loader_load_async  (RnImageLoader        *self,
                                            const char           *url,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
GBytes        *rn_image_loader_load_finish (RnImageLoader        *self,
                                            GAsyncResult         *result,
                                            GError              **error);
/* Whether @content_type names an image we are willing to decode (raster
 * formats; no SVG, which may reference other resources). */
gboolean       rn_image_loader_type_ok     (const char           *content_type);

G_END_DECLS
