/* rn-snapshotter.h: takes offline snapshots of saved items.
 *
 * For one item: its web page is fetched through RnHttp and its main text
 * extracted (rn_html_extract_article, on a worker thread); the images of
 * that text and of the item's own content are fetched, checked by their
 * bytes (PNG, JPEG, GIF, WebP only; never SVG), capped in size and number,
 * tracking pixels left out; everything is written in one transaction by
 * the store's writer. Network I/O runs on the thread-default main context
 * of the thread that created the snapshotter (the store's owner thread).
 * A few snapshots run at once; the rest wait in a queue. */
#pragma once

#include <gio/gio.h>

#include "net/rn-http.h"
#include "reading/rn-saved-item.h"
#include "store/rn-store.h"

G_BEGIN_DECLS

#define RN_SNAPSHOT_DEFAULT_MAX_PAGE_BYTES  (8 * 1024 * 1024)
#define RN_SNAPSHOT_DEFAULT_MAX_IMAGE_BYTES (10 * 1024 * 1024)
#define RN_SNAPSHOT_DEFAULT_MAX_TOTAL_BYTES (50 * 1024 * 1024)
#define RN_SNAPSHOT_DEFAULT_MAX_IMAGES      40
#define RN_SNAPSHOT_DEFAULT_CONCURRENCY     2

#define RN_TYPE_SNAPSHOTTER (rn_snapshotter_get_type ())
G_DECLARE_FINAL_TYPE (RnSnapshotter, rn_snapshotter, RN, SNAPSHOTTER, GObject)

RnSnapshotter   *rn_snapshotter_new             (RnStore             *store,
                                                 RnHttp              *http);
/* 0 keeps a limit's default. */
void             rn_snapshotter_set_limits      (RnSnapshotter       *self,
                                                 gsize                max_image_bytes,
                                                 gsize                max_total_bytes,
                                                 guint                max_images);
void             rn_snapshotter_set_max_concurrent (RnSnapshotter    *self,
                                                 guint                max_concurrent);
/* Snapshots waiting or running. */
guint            rn_snapshotter_get_n_pending   (RnSnapshotter       *self);

/* Takes (or takes again: this is also the retry after a failure) the
 * snapshot of a saved item, replacing what was stored. Completes with the
 * state reached; a failed page is a FAILED state, not an error. Errors are
 * for an item that is gone, a library that cannot be written, and
 * cancellation (G_IO_ERROR_CANCELLED; nothing is written then). An item
 * that is no longer saved when the snapshot is ready is not written
 * (state NONE). A failed attempt keeps a readable (complete or partial)
 * copy taken before, records the error and completes with the kept state. */
void             rn_snapshotter_take_async      (RnSnapshotter       *self,
                                                 gint64               item_id,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
RnSnapshotState  rn_snapshotter_take_finish     (RnSnapshotter       *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

/* Cancels every snapshot waiting or running. */
void             rn_snapshotter_cancel_all      (RnSnapshotter       *self);

G_END_DECLS
