/* rn-feed-store.h: the SQL of sources, folders and items: subscribing,
 * storing what a parser read (one transaction per feed), item state. */
#pragma once

#include <gio/gio.h>

#include "rn-feed.h"
#include "rn-folder.h"
#include "rn-parsed-feed.h"
#include "store/rn-store.h"

G_BEGIN_DECLS

typedef struct
{
  const char *kind;       /* NULL: "feed"; also "pubmed", "mastodon-hashtag", ... */
  const char *url;        /* feed URL; for other kinds the query / address */
  const char *title;      /* nullable; a name the user chose (or an OPML
                           * file carried): it wins over the feed's own */
  const char *site_url;   /* nullable */
  gint64      folder_id;  /* 0: no folder */
  const char *options;    /* nullable JSON, source specific */
} RnFeedSpec;

typedef struct
{
  guint added;            /* new items */
  guint updated;          /* items whose content changed */
  guint unchanged;        /* items seen again, not rewritten */
} RnIngestStats;

/* Feeds and folders */
gboolean   rn_feed_store_add_feed        (RnStore          *store,
                                          const RnFeedSpec *spec,
                                          gint64           *out_id,
                                          GError          **error);
gboolean   rn_feed_store_remove_feed     (RnStore          *store,
                                          gint64            feed_id,
                                          GError          **error);
gboolean   rn_feed_store_update_feed     (RnStore          *store,
                                          gint64            feed_id,
                                          const char       *user_title,
                                          gint64            folder_id,
                                          guint             refresh_interval,
                                          GError          **error);
gboolean   rn_feed_store_find_folder     (RnStore          *store,
                                          const char       *title,
                                          gint64            parent_id,
                                          gint64           *out_id,
                                          GError          **error);
/* Inside a write transaction: the id of the folder, created if missing. */
gint64     rn_feed_store_ensure_folder   (RnStore          *store,
                                          sqlite3          *db,
                                          gint64            parent_id,
                                          const char       *title,
                                          GError          **error);
gboolean   rn_feed_store_remove_folder   (RnStore          *store,
                                          gint64            folder_id,
                                          GError          **error);
GPtrArray *rn_feed_store_list_feeds      (RnStore          *store,
                                          GError          **error);
GPtrArray *rn_feed_store_list_folders    (RnStore          *store,
                                          GError          **error);
/* Both lists, read on a worker thread with a connection of its own: a
 * big library's 5,000 feeds take the main thread 30 ms to read. */
void       rn_feed_store_list_async      (RnStore             *store,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
gboolean   rn_feed_store_list_finish     (RnStore             *store,
                                          GAsyncResult        *result,
                                          GPtrArray          **feeds,
                                          GPtrArray          **folders,
                                          GError             **error);
RnFeed    *rn_feed_store_get_feed        (RnStore          *store,
                                          gint64            feed_id,
                                          GError          **error);
/* Works from any thread (opens its own reader when not on the owner's). */
RnFeed    *rn_feed_store_get_feed_on     (sqlite3          *db,
                                          gint64            feed_id,
                                          GError          **error);
guint      rn_feed_store_count_feeds     (RnStore          *store);

/* Items. Ingest runs inside a write transaction (use it from a
 * RnStoreWriteFunc, e.g. together with the fetch state); @now is the time
 * the items were seen. Entries that left the feed are kept. */
gboolean   rn_feed_store_ingest          (RnStore            *store,
                                          sqlite3            *db,
                                          gint64              feed_id,
                                          const RnParsedFeed *parsed,
                                          const char         *item_type,
                                          gint64              now,
                                          RnIngestStats      *stats,
                                          GError            **error);
/* Convenience: one transaction around rn_feed_store_ingest(). */
gboolean   rn_feed_store_ingest_sync     (RnStore            *store,
                                          gint64              feed_id,
                                          const RnParsedFeed *parsed,
                                          RnIngestStats      *stats,
                                          GError            **error);

gboolean   rn_item_store_set_read        (RnStore          *store,
                                          gint64            item_id,
                                          gboolean          read,
                                          GError          **error);
gboolean   rn_item_store_set_starred     (RnStore          *store,
                                          gint64            item_id,
                                          gboolean          starred,
                                          GError          **error);
/* Marks every unread item of a feed (feed_id > 0), a folder (folder_id > 0)
 * or the whole library read; returns the ids it changed, for undo. */
GArray    *rn_item_store_mark_all_read   (RnStore          *store,
                                          gint64            feed_id,
                                          gint64            folder_id,
                                          GError          **error);
gboolean   rn_item_store_set_read_ids    (RnStore          *store,
                                          GArray           *item_ids,
                                          gboolean          read,
                                          GError          **error);

/* The full content of an item (HTML, untrusted) and its base URL. */
gboolean   rn_item_store_load_content    (RnStore          *store,
                                          gint64            item_id,
                                          char            **out_html,
                                          char            **out_link,
                                          GError          **error);
/* The item's details as JSON (items.extra: journal, podcast and social
 * post data; see rn-item-store.c), or NULL in @out_extra when it has none. */
gboolean   rn_item_store_load_extra      (RnStore          *store,
                                          gint64            item_id,
                                          char            **out_extra,
                                          GError          **error);
/* Deletes read items older than @before that are neither starred nor
 * saved. Returns how many went. */
gint64     rn_item_store_prune           (RnStore          *store,
                                          gint64            before,
                                          GError          **error);

G_END_DECLS
