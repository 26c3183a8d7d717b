/* rn-store-index.h: indexing the items listed in fts_pending, in chunks.
 * Used by the store's writer inside its transactions; see migration 3 in
 * rn-store-schema.c for why indexing is deferred. */
#pragma once

#include <glib.h>
#include <sqlite3.h>

#include "rn-store-vocab.h"

G_BEGIN_DECLS

/* Items indexed in one go: large enough that a refresh builds few index
 * segments, small enough that a write waiting behind it waits about a
 * second at most. */
#define RN_STORE_INDEX_CHUNK 4096

/* Indexes the waiting items up to the bound id, noting their words
 * (rn_vocab_note, see rn-store-vocab.h). fts_pending must be the outer
 * loop (CROSS JOIN): otherwise SQLite carries the bound over to items and
 * walks every item from the first id, so each chunk read the whole
 * library (on 1,000,000 items, minutes per chunk). */
#define RN_STORE_INDEX_SQL \
  "INSERT INTO items_fts (rowid, title, author, body) " \
  "SELECT i.id, rn_vocab_note(i.title), rn_vocab_note(i.author), " \
  "rn_vocab_note(rn_item_text(i.summary, i.content)) " \
  "FROM fts_pending p CROSS JOIN items i ON i.id = p.id WHERE p.id <= ?"

/* Keeps the planner's estimate of the index's page table large. FTS5
 * removes a merged segment with a rowid range delete; statistics taken
 * while the index was small (an ANALYZE over a library whose index was
 * still empty) made SQLite scan the whole table for each such delete:
 * on 1,000,000 items a minute for every chunk indexed. The table is only
 * ever reached by rowid, so a large estimate is always the right plan. */
gboolean rn_store_index_mend_stats     (sqlite3  *db,
                                        GError  **error);

/* How many items wait to be indexed; -1 on error. */
gint64   rn_store_index_count_pending (sqlite3  *db);

/* Indexes up to @limit pending items (the oldest ids first) on @vocab's
 * connection, adds their words to fts_terms and takes them off the list.
 * Items with ids above @notified_upto are new: their range goes to
 * @out_first_new / @out_last_new (0 when none). Sets @out_more when items
 * are left. Runs inside the caller's transaction. */
gboolean rn_store_index_pending       (RnStoreVocab  *vocab,
                                       sqlite3       *db,
                                       guint          limit,
                                       gint64         notified_upto,
                                       gint64        *out_first_new,
                                       gint64        *out_last_new,
                                       gboolean      *out_more,
                                       GError       **error);

G_END_DECLS
