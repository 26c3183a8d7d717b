/* The statements of the refresh path and of the lists on a 50,000-item
 * library: each must find its rows through an index, with and without
 * ANALYZE statistics (a fresh library has none; newsboat loses most of a
 * refresh to one plan that scans its whole table). */
#include "config.h"

#include "rn-test-util.h"
#include "store/rn-sql.h"
#include "store/rn-store.h"

#define N_FEEDS 1000
#define N_PER_FEED 50

static gboolean
fill (RnStore  *store,
      sqlite3  *db,
      gpointer  data,
      GError  **error)
{
  g_autoptr(sqlite3_stmt) feed = rn_sql_prepare (db, "INSERT INTO feeds (id, url, added) VALUES (?, ?, 0)", error);
  g_autoptr(sqlite3_stmt) item = rn_sql_prepare (db,
    "INSERT INTO items (feed_id, guid, title, first_seen, sort_date, read, summary) "
    "VALUES (?, ?, 'title', 0, ?, ?, 'words in a summary')", error);

  if (feed == NULL || item == NULL)
    return FALSE;
  for (int f = 1; f <= N_FEEDS; f++)
    {
      char url[64];

      g_snprintf (url, sizeof url, "http://127.0.0.1/feeds/f%04d.rss", f);
      sqlite3_bind_int (feed, 1, f);
      sqlite3_bind_text (feed, 2, url, -1, SQLITE_TRANSIENT);
      if (!rn_sql_step_done (feed, error))
        return FALSE;
      for (int i = 0; i < N_PER_FEED; i++)
        {
          char guid[64];

          g_snprintf (guid, sizeof guid, "https://f%d.example.org/item/%d", f, i);
          sqlite3_bind_int (item, 1, f);
          sqlite3_bind_text (item, 2, guid, -1, SQLITE_TRANSIENT);
          sqlite3_bind_int (item, 3, 1700000000 + i * 3600 + f);
          sqlite3_bind_int (item, 4, i % 4 != 0);
          if (!rn_sql_step_done (item, error))
            return FALSE;
        }
    }
  return TRUE;
}

typedef struct
{
  const char *sql;
  const char *must;       /* the plan mentions this */
} Plan;

static const Plan plans[] = {
  /* ingest: is this entry known? */
  { "SELECT id, content_hash FROM items WHERE feed_id = ? AND guid = ?", "USING INDEX sqlite_autoindex_items_1" },
  /* sidebar: unread per feed */
  { "SELECT count(*) FROM items i WHERE i.feed_id = ? AND i.read = 0", "USING INDEX items_unread" },
  /* a feed's list, newest first, next page */
  { "SELECT i.id FROM items i JOIN feeds f ON f.id = i.feed_id WHERE i.feed_id = ? "
    "AND (i.sort_date, i.id) < (?, ?) ORDER BY i.sort_date DESC, i.id DESC LIMIT 64", "items_feed_sort" },
  /* all items, newest first */
  { "SELECT i.id FROM items i JOIN feeds f ON f.id = i.feed_id WHERE 1 "
    "ORDER BY i.sort_date DESC, i.id DESC LIMIT 64", "items_sort" },
  /* all items: where new rows land among the old (the sort index alone) */
  { "SELECT i.sort_date, i.id FROM items i WHERE ((1) AND i.id <= ?) AND i.id < ? "
    "ORDER BY i.sort_date DESC, i.id DESC LIMIT 2048", "COVERING INDEX items_sort" },
  /* all items: the row a page further down starts after (the index alone) */
  { "SELECT i.sort_date, i.id FROM items i WHERE ((1) AND i.id <= ?) "
    "ORDER BY i.sort_date DESC, i.id DESC LIMIT 1 OFFSET ?", "COVERING INDEX items_sort" },
  /* retention */
  { "DELETE FROM items WHERE read = 1 AND starred = 0 AND sort_date < ? "
    "AND id NOT IN (SELECT item_id FROM saved)", "items_sort" },
  /* unsubscribing: the cascade to items */
  { "SELECT id FROM items WHERE feed_id = ?", "items_feed_sort" },
};

static void
check_plans (sqlite3    *db,
             const char *label)
{
  for (gsize i = 0; i < G_N_ELEMENTS (plans); i++)
    {
      g_autofree char *sql = g_strconcat ("EXPLAIN QUERY PLAN ", plans[i].sql, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(sqlite3_stmt) stmt = rn_sql_prepare (db, sql, &error);
      g_autoptr(GString) plan = g_string_new (NULL);

      g_assert_no_error (error);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_string_append_printf (plan, "%s\n", (const char *) sqlite3_column_text (stmt, 3));
      g_test_message ("%s: %s\n%s", label, plans[i].sql, plan->str);
      g_assert_nonnull (strstr (plan->str, plans[i].must));
      /* A scan of items without an index would read all 50,000 rows. */
      g_assert_null (strstr (plan->str, "SCAN items\n"));
      g_assert_null (strstr (plan->str, "SCAN i\n"));
    }
}

static void
test_refresh_path_plans (void)
{
  g_autofree char *dir = rn_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RnStore) store = rn_store_open (path, &error);
  sqlite3 *db;

  g_assert_no_error (error);
  g_assert_true (rn_store_write (store, fill, NULL, &error));
  g_assert_no_error (error);
  db = rn_store_open_reader (store, &error);
  g_assert_no_error (error);
  check_plans (db, "no statistics");
  sqlite3_close (db);

  /* What the store leaves when it closes (PRAGMA optimize), or ANALYZE. */
  {
    sqlite3 *w = NULL;
    g_assert_cmpint (sqlite3_open (path, &w), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (w, "ANALYZE", NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (w);
  }
  db = rn_store_open_reader (store, &error);
  check_plans (db, "with ANALYZE");
  sqlite3_close (db);

  g_clear_object (&store);
  rn_test_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/radnet/core/store/refresh-path-plans", test_refresh_path_plans);
  return g_test_run ();
}
