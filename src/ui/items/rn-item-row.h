/* rn-item-row.h: one item in a list: source, date, title, snippet,
 * thumbnail, unread and starred state. */
#pragma once

#include <gtk/gtk.h>

#include "feeds/rn-item.h"
#include "rn-image-cache.h"
#include "store/rn-store.h"

G_BEGIN_DECLS

#define RN_TYPE_ITEM_ROW (rn_item_row_get_type ())
G_DECLARE_FINAL_TYPE (RnItemRow, rn_item_row, RN, ITEM_ROW, GtkWidget)

GtkWidget *rn_item_row_new      (RnImageCache *images);
RnItem    *rn_item_row_get_item (RnItemRow    *self);
/* @load_remote: whether the thumbnail may be fetched from the web */
void       rn_item_row_set_item (RnItemRow    *self,
                                 RnItem       *item,
                                 gboolean      load_remote);

/* rn_item_row_set_item(), and for a social post rn_item_row_set_post()
 * with its data read from @store: what every list binds a row with. */
void       rn_item_row_bind     (RnItemRow    *self,
                                 RnItem       *item,
                                 RnStore      *store,
                                 gboolean      load_remote);

/* For social posts, after rn_item_row_set_item(): the content warning
 * replaces the text, sensitive media hides the thumbnail, a boost names
 * its booster. */
void       rn_item_row_set_post (RnItemRow  *self,
                                 const char *content_warning,
                                 gboolean    sensitive,
                                 guint       n_media,
                                 const char *boosted_by);

G_END_DECLS
