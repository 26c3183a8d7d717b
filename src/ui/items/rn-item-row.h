/* rn-item-row.h: one item in a list: source, date, title, snippet,
 * thumbnail, unread and starred state. */
#pragma once

#include <gtk/gtk.h>

#include "feeds/rn-item.h"
#include "rn-image-cache.h"

G_BEGIN_DECLS

#define RN_TYPE_ITEM_ROW (rn_item_row_get_type ())
G_DECLARE_FINAL_TYPE (RnItemRow, rn_item_row, RN, ITEM_ROW, GtkWidget)

GtkWidget *rn_item_row_new      (RnImageCache *images);
RnItem    *rn_item_row_get_item (RnItemRow    *self);
/* @load_remote: whether the thumbnail may be fetched from the web */
void       rn_item_row_set_item (RnItemRow    *self,
                                 RnItem       *item,
                                 gboolean      load_remote);

G_END_DECLS
