/* rn-mastodon-read-position.c: the home timeline's read marker as read
 * flags and a place in the list. */
#include "config.h"

#include <string.h>

#include "rn-mastodon-read-position.h"
#include "store/rn-sql.h"

/* The id a post has in its timeline: a boost's own id, else the post's.
 * Over `items AS i`. */
#define TIMELINE_ID "coalesce(json_extract(i.extra, '$.timeline_id'), json_extract(i.extra, '$.post_id'))"

/* Timeline id t at or before the bound parameter @p, in the order of
 * rn_mastodon_id_compare(): shorter is older, then bytewise. */
#define AT_OR_BEFORE(p) "(length(t) < length(" p ") OR (length(t) = length(" p ") AND t <= " p "))"

int
rn_mastodon_id_compare (const char *a,
                        const char *b)
{
  size_t la, lb;

  if (a == NULL || b == NULL)
    return (a != NULL) - (b != NULL);
  la = strlen (a);
  lb = strlen (b);
  if (la != lb)
    return la < lb ? -1 : 1;
  return strcmp (a, b);
}

gboolean
rn_mastodon_home_post (RnStore  *store,
                       gint64    item_id,
                       gint64   *out_account_id,
                       char    **out_timeline_id)
{
  sqlite3_stmt *stmt = rn_store_reader_stmt (store,
    "SELECT f.account_id, " TIMELINE_ID " FROM items i JOIN feeds f ON f.id = i.feed_id "
    "WHERE i.id = ? AND f.kind = 'mastodon-home' AND f.account_id IS NOT NULL", NULL);
  gboolean found = FALSE;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, item_id);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 1) != SQLITE_NULL)
    {
      found = TRUE;
      if (out_account_id != NULL)
        *out_account_id = sqlite3_column_int64 (stmt, 0);
      if (out_timeline_id != NULL)
        *out_timeline_id = rn_sql_dup_text (stmt, 1);
    }
  sqlite3_reset (stmt);
  return found;
}

typedef struct
{
  gint64      account_id;
  const char *last_read;
  gint64      from_item_id;
  guint       marked;
} MarkUntil;

static gboolean
mark_until_in_txn (RnStore  *store,
                   sqlite3  *db,
                   gpointer  data,
                   GError  **error)
{
  MarkUntil *m = data;
  sqlite3_stmt *update = rn_store_writer_stmt (store,
    "UPDATE items SET read = 1 WHERE id IN ("
    " SELECT id FROM (SELECT i.id AS id, " TIMELINE_ID " AS t FROM items i JOIN feeds f ON f.id = i.feed_id"
    "  WHERE f.kind = 'mastodon-home' AND f.account_id = ?1 AND i.read = 0 AND i.id >= ?2)"
    " WHERE " AT_OR_BEFORE ("?3") ")", error);

  if (update == NULL)
    return FALSE;
  sqlite3_bind_int64 (update, 1, m->account_id);
  sqlite3_bind_int64 (update, 2, m->from_item_id);
  rn_sql_bind_text (update, 3, m->last_read);
  if (!rn_sql_step_done (update, error))
    return FALSE;
  m->marked = (guint) sqlite3_changes (db);
  if (m->marked > 0)
    {
      rn_store_note_items_changed (store);
      rn_store_note_feeds_changed (store);
    }
  return TRUE;
}

gboolean
rn_mastodon_home_mark_read_until (RnStore     *store,
                                  gint64       account_id,
                                  const char  *last_read_id,
                                  gint64       from_item_id,
                                  guint       *out_marked,
                                  GError     **error)
{
  MarkUntil m = { account_id, last_read_id, from_item_id, 0 };

  g_return_val_if_fail (last_read_id != NULL, FALSE);
  if (!rn_store_write (store, mark_until_in_txn, &m, error))
    return FALSE;
  if (out_marked != NULL)
    *out_marked = m.marked;
  return TRUE;
}

gint64
rn_mastodon_home_last_read_item (RnStore *store,
                                 gint64   feed_id)
{
  /* The marker first: most places are not a home timeline. */
  sqlite3_stmt *marker = rn_store_reader_stmt (store,
    "SELECT m.last_read FROM feeds f JOIN markers m ON m.account_id = f.account_id AND m.timeline = 'home' "
    "WHERE f.id = ? AND f.kind = 'mastodon-home'", NULL);
  sqlite3_stmt *stmt;
  g_autofree char *last_read = NULL;
  gint64 item_id = 0;

  if (marker == NULL)
    return 0;
  sqlite3_bind_int64 (marker, 1, feed_id);
  if (sqlite3_step (marker) == SQLITE_ROW)
    last_read = rn_sql_dup_text (marker, 0);
  sqlite3_reset (marker);
  if (last_read == NULL)
    return 0;

  /* The newest post at or before the marker: the marked post itself may
   * have left the library. */
  stmt = rn_store_reader_stmt (store,
    "SELECT id FROM (SELECT i.id AS id, " TIMELINE_ID " AS t FROM items i WHERE i.feed_id = ?1) "
    "WHERE " AT_OR_BEFORE ("?2") " "
    "ORDER BY length(t) DESC, t DESC LIMIT 1", NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, feed_id);
  rn_sql_bind_text (stmt, 2, last_read);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    item_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return item_id;
}

static char *
query_id (RnStore    *store,
          const char *sql,
          gint64      account_id,
          const char *bound)
{
  sqlite3_stmt *stmt = rn_store_reader_stmt (store, sql, NULL);
  char *id = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, account_id);
  if (bound != NULL)
    rn_sql_bind_text (stmt, 2, bound);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = rn_sql_dup_text (stmt, 0);
  sqlite3_reset (stmt);
  return id;
}

/* The home posts of account ?1 with their timeline id as t; ids order by
 * length, then text (see rn_mastodon_id_compare). */
#define HOME_POSTS \
  "SELECT " TIMELINE_ID " AS t, i.read AS read FROM items i JOIN feeds f ON f.id = i.feed_id " \
  "WHERE f.kind = 'mastodon-home' AND f.account_id = ?1"

char *
rn_mastodon_home_read_through (RnStore *store,
                               gint64   account_id)
{
  g_autofree char *oldest_unread = query_id (store,
    "SELECT t FROM (" HOME_POSTS ") WHERE t IS NOT NULL AND read = 0 "
    "ORDER BY length(t), t LIMIT 1", account_id, NULL);

  if (oldest_unread == NULL)
    return query_id (store,
      "SELECT t FROM (" HOME_POSTS ") WHERE t IS NOT NULL ORDER BY length(t) DESC, t DESC LIMIT 1",
      account_id, NULL);
  return query_id (store,
    "SELECT t FROM (" HOME_POSTS ") WHERE t IS NOT NULL "
    "AND (length(t) < length(?2) OR (length(t) = length(?2) AND t < ?2)) "
    "ORDER BY length(t) DESC, t DESC LIMIT 1", account_id, oldest_unread);
}

GArray *
rn_mastodon_home_accounts (RnStore *store)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = rn_store_reader_stmt (store,
    "SELECT DISTINCT account_id FROM feeds WHERE kind = 'mastodon-home' AND account_id IS NOT NULL "
    "ORDER BY account_id", NULL);

  if (stmt == NULL)
    return ids;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  return ids;
}
