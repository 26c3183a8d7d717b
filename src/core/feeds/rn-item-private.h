/* rn-item-private.h: building RnItems from rows (store and list models). */
#pragma once

#include <sqlite3.h>

#include "rn-item.h"

G_BEGIN_DECLS

/* The columns rn_item_new_from_row() reads, in order, over `items AS i`
 * joined with `feeds AS f`. */
#define RN_ITEM_ROW_COLUMNS \
  "i.id, i.feed_id, coalesce(f.user_title, f.title, f.url), i.type, i.title, i.link, " \
  "i.author, i.published, i.sort_date, substr(i.summary, 1, 600), i.thumbnail, i.doi, " \
  "i.read, i.starred, EXISTS (SELECT 1 FROM saved s WHERE s.item_id = i.id)"
/* Where read, starred and saved are among them. */
#define RN_ITEM_ROW_READ    12
#define RN_ITEM_ROW_STARRED 13
#define RN_ITEM_ROW_SAVED   14

RnItem *rn_item_new_from_row (sqlite3_stmt *stmt);
/* The item's id where it is stored: a key for tables of items. */
gint64 *rn_item_peek_id      (RnItem       *self);
/* Updates the state; notifies only what changed. */
void    rn_item_set_state    (RnItem       *self,
                              gboolean      read,
                              gboolean      starred,
                              gboolean      saved);

/* Tests: how many old rows a list merges new rows with at most before
 * the rest further down is replaced (0: the default). */
void rn_item_list_set_merge_rows (guint rows);

G_END_DECLS
