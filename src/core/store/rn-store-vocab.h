/* rn-store-vocab.h: the words of the full-text index (table fts_terms).
 *
 * FTS5 answers a prefix query (neur*) by first merging the doclists of
 * every word that starts with it, whatever rowid range is bound: on
 * 1,000,000 items 40–50 ms, even to check 1,000 new items. The same query
 * spelled as the words themselves ("neural" OR "neuron" OR "neurons")
 * reads only the slice of each doclist it needs, well under a millisecond.
 * FTS5 lists its words (fts5vocab) only by reading every doclist, so the
 * store keeps its own list: the indexer notes each word it indexes
 * (RN_STORE_INDEX_SQL), and a library indexed before the list existed is
 * filled in the background, a slice at a time (rn_store_vocab_fill()).
 * Until then rn_store_vocab_expand() declines and FTS5 does the prefix.
 *
 * Words are never taken out: a word no item has any more only adds a term
 * that matches nothing to an expansion. */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* Notes the words of the text indexed on one connection (the writer's):
 * registers the SQL function rn_vocab_note(text), which returns its
 * argument and remembers its words until rn_store_vocab_flush(). */
typedef struct _RnStoreVocab RnStoreVocab;

RnStoreVocab *rn_store_vocab_new   (sqlite3       *db,
                                    GError       **error);
void          rn_store_vocab_free  (RnStoreVocab  *vocab);
/* Adds the words noted since the last flush to fts_terms. */
gboolean      rn_store_vocab_flush (RnStoreVocab  *vocab,
                                    GError       **error);

/* One slice of filling fts_terms from the index itself, for a library
 * indexed before the list existed: about @budget_us of work. Sets
 * @out_done when the list is complete (and was already, or now is). Runs
 * inside the caller's transaction, on the writer. */
gboolean      rn_store_vocab_fill  (sqlite3       *db,
                                    gint64         budget_us,
                                    gboolean      *out_done,
                                    GError       **error);
/* Whether the list is complete. */
gboolean      rn_store_vocab_complete (sqlite3    *db);

/* The words of the index that start with @prefix (as FTS5 folds it), at
 * most @max_words of them, sorted. NULL when the words cannot be listed
 * exactly: the list is still being filled, @prefix is not one word,
 * no word or more than @max_words words start with it. Any connection. */
GStrv         rn_store_vocab_expand (sqlite3      *db,
                                     const char   *prefix,
                                     guint         max_words);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RnStoreVocab, rn_store_vocab_free)

G_END_DECLS
