/* rn-feed.h: one source in the library (a web feed, a PubMed search, a
 * social timeline), as shown in lists. A snapshot: reload it after
 * RnStore::feeds-changed. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define RN_TYPE_FEED (rn_feed_get_type ())
G_DECLARE_FINAL_TYPE (RnFeed, rn_feed, RN, FEED, GObject)

gint64      rn_feed_get_id               (RnFeed *self);
const char *rn_feed_get_kind             (RnFeed *self);
const char *rn_feed_get_title            (RnFeed *self);
const char *rn_feed_get_url              (RnFeed *self);
const char *rn_feed_get_site_url         (RnFeed *self);
gint64      rn_feed_get_folder_id        (RnFeed *self);
const char *rn_feed_get_folder_title     (RnFeed *self);
guint       rn_feed_get_unread_count     (RnFeed *self);
const char *rn_feed_get_error            (RnFeed *self);
guint       rn_feed_get_failures         (RnFeed *self);
gint64      rn_feed_get_last_success     (RnFeed *self);
gint64      rn_feed_get_next_fetch       (RnFeed *self);
guint       rn_feed_get_refresh_interval (RnFeed *self);
gboolean    rn_feed_get_disabled         (RnFeed *self);
/* TRUE for the sources RadNet keeps for itself, which lists of sources do
 * not show: the archive that keeps saved items of removed sources, and
 * the remote results of columns. Their items are items like any other. */
gboolean    rn_feed_is_hidden            (RnFeed *self);

G_END_DECLS
