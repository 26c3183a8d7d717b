/* rn-item.h: one entry (article, post, podcast episode, case) as shown in a
 * list row. Holds what a row shows; the full content is read on demand with
 * rn_item_store_load_content(). The `read` and `starred` properties follow
 * the store while the item is held by an RnItemList. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define RN_TYPE_ITEM (rn_item_get_type ())
G_DECLARE_FINAL_TYPE (RnItem, rn_item, RN, ITEM, GObject)

gint64      rn_item_get_id         (RnItem *self);
gint64      rn_item_get_feed_id    (RnItem *self);
const char *rn_item_get_feed_title (RnItem *self);
const char *rn_item_get_item_type  (RnItem *self);
const char *rn_item_get_title      (RnItem *self);
const char *rn_item_get_link       (RnItem *self);
const char *rn_item_get_author     (RnItem *self);
/* Unix seconds UTC, 0 when the feed gave no date */
gint64      rn_item_get_published  (RnItem *self);
/* what lists sort by: published, else the time first seen */
gint64      rn_item_get_sort_date  (RnItem *self);
/* plain text, at most a few hundred characters */
const char *rn_item_get_snippet    (RnItem *self);
const char *rn_item_get_thumbnail  (RnItem *self);
const char *rn_item_get_doi        (RnItem *self);
gboolean    rn_item_get_read       (RnItem *self);
gboolean    rn_item_get_starred    (RnItem *self);
gboolean    rn_item_get_saved      (RnItem *self);

G_END_DECLS
