/* A full disk: writes fail with a clear error, what was committed stays,
 * and the library is sound. (SQLite's page limit stands in for the disk.) */
#include "config.h"

#include "feeds-fixture.h"
#include "feeds/rn-feed-store.h"
#include "rn-test-util.h"
#include "store/rn-sql.h"

static RnParsedFeed *
big_feed (guint n)
{
  RnParsedFeed *feed = rn_parsed_feed_new ();

  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *id = g_strdup_printf ("f%u-%u", n, i);
      RnParsedEntry *e = fixture_entry (id, "A long article about pulmonary embolism", 1700000000 + i);
      GString *content = g_string_new (NULL);

      for (guint k = 0; k < 60; k++)
        g_string_append_printf (content, "<p>Paragraph %u of item %u of feed %u, with words.</p>", k, i, n);
      e->content = g_string_free (content, FALSE);
      g_ptr_array_add (feed->entries, e);
    }
  return feed;
}

static void
test_disk_full (void)
{
  g_autofree char *dir = rn_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RnStore) store = NULL;
  gint64 feed_id = 0, before = 0;
  gboolean full = FALSE;

  g_setenv ("RADNET_TEST_MAX_PAGES", "400", TRUE);   /* 1.6 MB */
  store = rn_store_open (path, &error);
  g_unsetenv ("RADNET_TEST_MAX_PAGES");
  g_assert_no_error (error);

  {
    RnFeedSpec spec = { .url = "https://journal.example.org/rss" };
    g_assert_true (rn_feed_store_add_feed (store, &spec, &feed_id, &error));
  }

  for (guint n = 0; n < 50 && !full; n++)
    {
      g_autoptr(RnParsedFeed) feed = big_feed (n);

      before = rn_sql_query_int (rn_store_get_reader (store), "SELECT count(*) FROM items", -1);
      if (!rn_feed_store_ingest_sync (store, feed_id, feed, NULL, &error))
        {
          full = TRUE;
          g_assert_error (error, RN_STORE_ERROR, RN_STORE_ERROR_FULL);
          g_assert_nonnull (strstr (error->message, "disk is full"));
          /* The failed write left nothing behind: all or nothing. */
          g_assert_cmpint (rn_sql_query_int (rn_store_get_reader (store), "SELECT count(*) FROM items", -1), ==, before);
          g_clear_error (&error);
        }
    }
  g_assert_true (full);
  g_assert_cmpint (before % 50, ==, 0);
  g_assert_cmpint (before, >, 0);
  g_clear_object (&store);

  /* Reopened without the limit: sound, and the earlier feeds are there. */
  store = rn_store_open (path, &error);
  g_assert_no_error (error);
  {
    g_autoptr(sqlite3_stmt) check = rn_sql_prepare (rn_store_get_reader (store), "PRAGMA integrity_check", &error);
    g_assert_cmpint (sqlite3_step (check), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (check, 0), ==, "ok");
  }
  g_assert_cmpint (rn_sql_query_int (rn_store_get_reader (store), "SELECT count(*) FROM items", -1), ==, before);
  g_clear_object (&store);
  rn_test_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/radnet/core/store/disk-full", test_disk_full);
  return g_test_run ();
}
