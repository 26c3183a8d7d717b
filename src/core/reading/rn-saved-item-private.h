/* rn-saved-item-private.h: how RnReadingList fills and updates entries. */
#pragma once

#include <sqlite3.h>

#include "rn-saved-item.h"

G_BEGIN_DECLS

/* The columns rn_saved_item_new_from_row() reads, in order, over
 * `saved AS s JOIN items AS i JOIN feeds AS f LEFT JOIN refs AS r LEFT
 * JOIN snapshots AS sn`. */
#define RN_SAVED_ROW_COLUMNS \
  "s.item_id, i.title, " \
  "CASE WHEN f.kind = 'archive' THEN coalesce(json_extract(CASE WHEN json_valid(i.extra) THEN i.extra END, '$.source'), f.title) " \
  "     ELSE coalesce(f.user_title, f.title, f.url) END, " \
  "i.link, i.type, s.state, " \
  "(SELECT group_concat(tag, char(31)) FROM (SELECT tag FROM saved_tags t WHERE t.item_id = s.item_id ORDER BY tag COLLATE NOCASE)), " \
  "s.note, s.saved_at, ifnull(i.published, 0), coalesce(r.doi, i.doi), sn.state, r.notice, r.notice_url"

RnSavedItem *rn_saved_item_new_from_row (sqlite3_stmt *stmt);
/* Copies every property of @from into @self, notifying what changed. */
void         rn_saved_item_update_from  (RnSavedItem  *self,
                                         RnSavedItem  *from);

G_END_DECLS
