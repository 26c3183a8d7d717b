/* reading-fixture.h: a library with a feed of articles for the reading
 * list tests (parsed from RSS, as a refresh would store them). */
#pragma once

#include "feeds/rn-feed-parser.h"
#include "feeds/rn-feed-store.h"
#include "store/rn-sql.h"

static inline gint64
fixture_add_feed (RnStore    *store,
                  const char *url,
                  const char *rss)
{
  g_autoptr(GBytes) body = g_bytes_new (rss, strlen (rss));
  g_autoptr(GError) error = NULL;
  RnParsedFeed *parsed = rn_feed_parse (body, "application/rss+xml", url, &error);
  RnFeedSpec spec = { .url = url };
  gint64 feed_id = 0;

  g_assert_no_error (error);
  g_assert_nonnull (parsed);
  rn_feed_store_add_feed (store, &spec, &feed_id, &error);
  g_assert_no_error (error);
  rn_feed_store_ingest_sync (store, feed_id, parsed, NULL, &error);
  g_assert_no_error (error);
  rn_parsed_feed_free (parsed);
  return feed_id;
}

/* The id of the item with @guid. */
static inline gint64
fixture_item_id (RnStore    *store,
                 const char *guid)
{
  sqlite3_stmt *stmt = rn_store_reader_stmt (store, "SELECT id FROM items WHERE guid = ?", NULL);
  gint64 id = 0;

  rn_sql_bind_text (stmt, 1, guid);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  g_assert_cmpint (id, >, 0);
  return id;
}

static inline gint64
fixture_count (RnStore    *store,
               const char *sql)
{
  return rn_sql_query_int (rn_store_get_reader (store), sql, -1);
}

typedef struct
{
  const char *sql;
} FixtureExec;

static inline gboolean
fixture_exec_in_txn (RnStore  *store,
                     sqlite3  *db,
                     gpointer  data,
                     GError  **error)
{
  FixtureExec *e = data;

  if (!rn_sql_exec (db, e->sql, error))
    return FALSE;
  rn_store_note_items_changed (store);
  return TRUE;
}

/* Runs @sql through the store's writer (for setting up odd states). */
static inline void
fixture_exec (RnStore    *store,
              const char *sql)
{
  FixtureExec e = { sql };
  g_autoptr(GError) error = NULL;

  rn_store_write (store, fixture_exec_in_txn, &e, &error);
  g_assert_no_error (error);
}
