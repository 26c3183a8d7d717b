/* rn-image-cache.h: remote images as textures for rows and the reader:
 * fetched by the core image loader, decoded off the main thread, and kept
 * in a small LRU cache so that scrolling back does not refetch. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define RN_TYPE_IMAGE_CACHE (rn_image_cache_get_type ())
G_DECLARE_FINAL_TYPE (RnImageCache, rn_image_cache, RN, IMAGE_CACHE, GObject)

RnImageCache *rn_image_cache_new         (guint                 max_entries) G_GNUC_WARN_UNUSED_RESULT;
/* (nullable) (transfer none): a texture already loaded */
GdkTexture   *rn_image_cache_lookup      (RnImageCache         *self,
                                          const char           *url);
void          rn_image_cache_load_async  (RnImageCache         *self,
                                          const char           *url,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
GdkTexture   *rn_image_cache_load_finish (RnImageCache         *self,
                                          GAsyncResult         *result,
                                          GError              **error);

G_END_DECLS
