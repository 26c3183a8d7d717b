/* rn-snapshot.h: offline copies of saved items, as the reader and
 * Preferences use them. A snapshot is the sanitised main text of the
 * item's web page plus the images of that text and of the item's own
 * content, stored in the library (snapshots, snapshot_assets), so a saved
 * item reads the same without a network. RnSnapshotter takes them.
 *
 * These functions read on the store's owner thread (its reader). */
#pragma once

#include <gio/gio.h>

#include "reading/rn-saved-item.h"
#include "store/rn-store.h"

G_BEGIN_DECLS

/* The state of @item_id's snapshot (NONE when there is none). */
RnSnapshotState rn_snapshot_get_state   (RnStore     *store,
                                         gint64       item_id,
                                         char       **out_error);

/* What to show offline: the snapshot's main text when it has one, else
 * the item's own content (both HTML; hand it to RnHtmlDoc as any item
 * content). @out_title gets the page's title or the item's. Fails with
 * RN_STORE_ERROR_NOT_FOUND when there is neither. */
gboolean        rn_snapshot_load        (RnStore     *store,
                                         gint64       item_id,
                                         char       **out_html,
                                         char       **out_title,
                                         GError     **error);

/* The stored bytes of the image @url (absolute, as RnHtmlDoc gives it) of
 * @item_id, and its media type; NULL when it was not kept. */
GBytes         *rn_snapshot_get_asset   (RnStore     *store,
                                         gint64       item_id,
                                         const char  *url,
                                         char       **out_mime);
/* The URLs of the stored images of @item_id, in storage order. */
GStrv           rn_snapshot_list_assets (RnStore     *store,
                                         gint64       item_id);

/* Space the snapshots take in the library, in bytes. */
gint64          rn_snapshot_total_bytes (RnStore     *store);

/* Drop one snapshot, or all of them; saved entries stay (state NONE). */
gboolean        rn_snapshot_remove      (RnStore     *store,
                                         gint64       item_id,
                                         GError     **error);
gboolean        rn_snapshot_remove_all  (RnStore     *store,
                                         GError     **error);

G_END_DECLS
