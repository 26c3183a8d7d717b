/* rn-query-run.h: evaluating a compiled query on a reader connection.
 *
 * Column models call these from a worker thread with their own connection
 * (rn_store_open_reader()). All of them are bounded by the page size or the
 * id range they are given, never by the size of the library, except
 * rn_query_count() without a cap. */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "rn-query.h"

G_BEGIN_DECLS

typedef enum
{
  RN_QUERY_SORT_NEWEST,     /* sort_date DESC, id DESC */
  RN_QUERY_SORT_OLDEST,     /* sort_date ASC, id ASC */
  RN_QUERY_SORT_RELEVANCE,  /* bm25 over the newest RN_QUERY_RELEVANCE_POOL matches */
} RnQuerySort;

/* Relevance ranks only this many of the newest full-text matches: ranking
 * every match of two common words in a million items takes half a second. */
#define RN_QUERY_RELEVANCE_POOL 2000

/* The position of a row in a sorted result; pass the last one of a page as
 * @after to get the next page (keyset pagination: stable under inserts,
 * no duplicates or gaps when sort dates are equal). */
typedef struct
{
  gint64 id;
  gint64 sort_date;
  double rank;        /* RELEVANCE only: bm25, lower is better */
} RnQueryKey;

/* The number of matching items, counting at most @cap (0: no cap). */
gboolean rn_query_count       (RnQuerySql        *sql,
                               sqlite3           *db,
                               gint64             cap,
                               gint64            *out_count,
                               GCancellable      *cancellable,
                               GError           **error);

/* Appends up to @limit RnQueryKey to @out_keys, the rows after @after
 * (NULL: from the start) in @sort order. */
gboolean rn_query_fetch_page  (RnQuerySql        *sql,
                               sqlite3           *db,
                               RnQuerySort        sort,
                               const RnQueryKey  *after,
                               guint              limit,
                               GArray            *out_keys,
                               GCancellable      *cancellable,
                               GError           **error);

/* Appends to @out_ids (gint64) the ids in [@min_id, @max_id] that match,
 * ascending: what a column needs after items-added, without evaluating the
 * query over the rest of the library. */
gboolean rn_query_match_ids   (RnQuerySql        *sql,
                               sqlite3           *db,
                               gint64             min_id,
                               gint64             max_id,
                               GArray            *out_ids,
                               GCancellable      *cancellable,
                               GError           **error);

G_END_DECLS
