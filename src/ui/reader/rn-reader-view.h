/* rn-reader-view.h: the native reader of one item. */
#pragma once

#include <adwaita.h>

#include "feeds/rn-item.h"
#include "rn-image-cache.h"
#include "store/rn-store.h"

G_BEGIN_DECLS

typedef enum
{
  RN_REMOTE_IMAGES_LOAD,
  RN_REMOTE_IMAGES_ASK,
  RN_REMOTE_IMAGES_NEVER,
} RnRemoteImages;

#define RN_TYPE_READER_VIEW (rn_reader_view_get_type ())
G_DECLARE_FINAL_TYPE (RnReaderView, rn_reader_view, RN, READER_VIEW, GtkWidget)

void      rn_reader_view_set_image_cache   (RnReaderView   *self,
                                            RnImageCache   *images);
void      rn_reader_view_set_remote_images (RnReaderView   *self,
                                            RnRemoteImages  policy);
/* Shows @item (nullable: the empty state); its content is read from @store. */
void      rn_reader_view_set_item          (RnReaderView   *self,
                                            RnStore        *store,
                                            RnItem         *item);
RnItem   *rn_reader_view_get_item          (RnReaderView   *self);
/* Loads the blocked images of the current item (the user asked). */
void      rn_reader_view_load_images       (RnReaderView   *self);
/* Whether the current item has images that wait for the user. */
gboolean  rn_reader_view_get_images_blocked (RnReaderView  *self);
/* Number of images being shown (loaded); for tests. */
guint     rn_reader_view_get_n_pictures    (RnReaderView   *self);
GtkTextBuffer *rn_reader_view_get_buffer   (RnReaderView   *self);

G_END_DECLS
