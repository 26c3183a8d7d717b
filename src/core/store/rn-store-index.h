/* rn-store-index.h: indexing the items listed in fts_pending, in chunks.
 * Used by the store's writer inside its transactions; see migration 3 in
 * rn-store-schema.c for why indexing is deferred. */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* Items indexed in one go: large enough that a refresh builds few index
 * segments, small enough that a write waiting behind it waits about a
 * second at most. */
#define RN_STORE_INDEX_CHUNK 4096

/* How many items wait to be indexed; -1 on error. */
gint64   rn_store_index_count_pending (sqlite3  *db);

/* Indexes up to @limit pending items (the oldest ids first) and takes them
 * off the list. Items with ids above @notified_upto are new: their range
 * goes to @out_first_new / @out_last_new (0 when none). Sets @out_more when
 * items are left. Runs inside the caller's transaction. */
gboolean rn_store_index_pending       (sqlite3  *db,
                                       guint     limit,
                                       gint64    notified_upto,
                                       gint64   *out_first_new,
                                       gint64   *out_last_new,
                                       gboolean *out_more,
                                       GError  **error);

G_END_DECLS
