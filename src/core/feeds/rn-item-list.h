/* rn-item-list.h: a GListModel of RnItem over a query of the library.
 *
 * Rows are read in pages on demand with keyset pagination on
 * (sort_date, id), and only a bounded number of pages is kept, so a list of
 * a million items costs the same memory as one of a thousand. The model
 * follows the store: new matching items are inserted where they belong
 * (RnStore::items-added, evaluated for the new rows only), and the read /
 * starred / saved state of the rows it holds is kept current. */
#pragma once

#include <gio/gio.h>

#include "rn-item.h"
#include "store/rn-store.h"

G_BEGIN_DECLS

typedef enum
{
  RN_ITEM_SORT_NEWEST,
  RN_ITEM_SORT_OLDEST,
} RnItemSort;

typedef struct
{
  gint64      feed_id;      /* > 0: only this feed */
  gint64      folder_id;    /* > 0: only feeds of this folder */
  gboolean    unread_only;
  gboolean    starred_only;
  gboolean    saved_only;
  const char *search;       /* words, all of which must occur (full-text) */
} RnItemFilter;

#define RN_TYPE_ITEM_LIST (rn_item_list_get_type ())
G_DECLARE_FINAL_TYPE (RnItemList, rn_item_list, RN, ITEM_LIST, GObject)

RnItemList *rn_item_list_new             (RnStore            *store,
                                          const RnItemFilter *filter,
                                          RnItemSort          sort);
/* For other query front-ends (saved-search columns): @where is an SQL
 * boolean expression over `items AS i JOIN feeds AS f`, with `?`
 * parameters bound from @params (GVariants of type "x" or "s"). */
RnItemList *rn_item_list_new_for_where   (RnStore            *store,
                                          const char         *where,
                                          GPtrArray          *params,
                                          RnItemSort          sort);
RnStore    *rn_item_list_get_store       (RnItemList         *self);
/* Re-reads everything (after a filter's meaning changed, e.g. read items
 * should now leave an unread-only list). */
void        rn_item_list_reload          (RnItemList         *self);
guint       rn_item_list_get_unread_count (RnItemList        *self);
/* Index of the item with @item_id in the list (loaded or not), or -1
 * when the list does not hold it. */
int         rn_item_list_find            (RnItemList         *self,
                                          gint64              item_id);
/* Index of the item with @item_id among the loaded pages, or -1. */
int         rn_item_list_find_loaded     (RnItemList         *self,
                                          gint64              item_id);

/* For tests and benchmarks: rows materialised from the database so far,
 * and pages now held. */
guint64     rn_item_list_get_rows_fetched (RnItemList        *self);
guint       rn_item_list_get_pages_held  (RnItemList         *self);

/* Quotes user words for FTS5 MATCH: every word becomes a string, so FTS5
 * syntax typed by the user is plain text. NULL when there is no word. */
char       *rn_item_list_fts_from_words  (const char         *text);

G_END_DECLS
