/* Storing what a parser read: one transaction per feed, updates in place,
 * unchanged entries not rewritten, undated entries, retention. */
#include "config.h"

#include "feeds-fixture.h"
#include "feeds/rn-feed-store.h"
#include "feeds/rn-item-list.h"
#include "rn-test-util.h"
#include "store/rn-sql.h"

typedef struct
{
  char      *dir;
  RnContext *context;
  RnStore   *store;
  gint64     feed_id;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  RnFeedSpec spec = { .url = "https://journal.example.org/rss", .title = "Journal" };
  g_autoptr(GError) error = NULL;

  f->context = rn_test_context_new (&f->dir);
  f->store = rn_context_get_store (f->context);
  g_assert_true (rn_feed_store_add_feed (f->store, &spec, &f->feed_id, &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->context);
  rn_test_rmdir (f->dir);
  g_free (f->dir);
}

static gint64
count (Fixture    *f,
       const char *sql)
{
  return rn_sql_query_int (rn_store_get_reader (f->store), sql, -1);
}

static RnParsedFeed *
three_entries (void)
{
  RnParsedFeed *feed = rn_parsed_feed_new ();
  RnParsedEntry *e;

  feed->title = g_strdup ("Journal of Imaging");
  feed->link = g_strdup ("https://journal.example.org/");
  g_ptr_array_add (feed->entries, fixture_entry ("a", "CT pulmonary angiography in pregnancy", 1764000000));
  e = fixture_entry ("b", "MRI of the Zürich knee", 1763900000);
  e->doi = g_strdup ("10.1148/radiol.2026001");
  g_ptr_array_add (e->authors, g_strdup ("Ada Lovelace"));
  g_ptr_array_add (e->enclosures, rn_enclosure_new ("https://journal.example.org/b.mp3", "audio/mpeg", 1234));
  g_ptr_array_add (feed->entries, e);
  g_ptr_array_add (feed->entries, fixture_entry ("c", "Ultrasound basics", 1763800000));
  return feed;
}

static void
test_ingest (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(RnParsedFeed) feed = three_entries ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RnFeed) stored = NULL;
  RnIngestStats stats = { 0 };
  RnItemFilter search = { .search = "zurich" };
  g_autoptr(RnItemList) found = NULL;
  g_autoptr(RnItem) hit = NULL;

  g_assert_true (rn_feed_store_ingest_sync (f->store, f->feed_id, feed, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.added, ==, 3);
  g_assert_cmpint (count (f, "SELECT count(*) FROM items"), ==, 3);
  g_assert_cmpint (count (f, "SELECT count(*) FROM items_fts"), ==, 3);
  g_assert_cmpint (count (f, "SELECT count(*) FROM enclosures"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM items WHERE type = 'podcast'"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM items WHERE doi = '10.1148/radiol.2026001'"), ==, 1);

  stored = rn_feed_store_get_feed (f->store, f->feed_id, &error);
  g_assert_cmpstr (rn_feed_get_title (stored), ==, "Journal");   /* the user's title wins */
  g_assert_cmpuint (rn_feed_get_unread_count (stored), ==, 3);
  g_assert_cmpstr (rn_feed_get_site_url (stored), ==, "https://journal.example.org/");

  /* Diacritics-insensitive full text. */
  found = rn_item_list_new (f->store, &search, RN_ITEM_SORT_NEWEST);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (found)), ==, 1);
  hit = g_list_model_get_item (G_LIST_MODEL (found), 0);
  g_assert_cmpstr (rn_item_get_title (hit), ==, "MRI of the Zürich knee");
  g_assert_cmpstr (rn_item_get_snippet (hit), ==, "Abstract of MRI of the Zürich knee.");
}

static void
test_unchanged_not_rewritten (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(RnParsedFeed) feed = three_entries ();
  g_autoptr(GError) error = NULL;
  RnIngestStats stats = { 0 };
  gint64 max_before;

  g_assert_true (rn_feed_store_ingest_sync (f->store, f->feed_id, feed, &stats, &error));
  max_before = count (f, "SELECT max(id) FROM items");
  rn_item_store_set_read (f->store, 1, TRUE, &error);

  memset (&stats, 0, sizeof stats);
  g_assert_true (rn_feed_store_ingest_sync (f->store, f->feed_id, feed, &stats, &error));
  g_assert_cmpuint (stats.added, ==, 0);
  g_assert_cmpuint (stats.updated, ==, 0);
  g_assert_cmpuint (stats.unchanged, ==, 3);
  g_assert_cmpint (count (f, "SELECT max(id) FROM items"), ==, max_before);
  g_assert_cmpint (count (f, "SELECT read FROM items WHERE id = 1"), ==, 1);
}

static void
test_update_in_place (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(RnParsedFeed) feed = three_entries ();
  g_autoptr(GError) error = NULL;
  RnIngestStats stats = { 0 };
  RnParsedEntry *b;
  gint64 id_b;

  g_assert_true (rn_feed_store_ingest_sync (f->store, f->feed_id, feed, &stats, &error));
  id_b = count (f, "SELECT id FROM items WHERE guid = 'b'");

  b = g_ptr_array_index (feed->entries, 1);
  g_free (b->title);
  b->title = g_strdup ("MRI of the Zürich knee (corrected)");
  memset (&stats, 0, sizeof stats);
  g_assert_true (rn_feed_store_ingest_sync (f->store, f->feed_id, feed, &stats, &error));
  g_assert_cmpuint (stats.updated, ==, 1);
  g_assert_cmpuint (stats.unchanged, ==, 2);
  g_assert_cmpint (count (f, "SELECT count(*) FROM items"), ==, 3);
  g_assert_cmpint (count (f, "SELECT id FROM items WHERE title LIKE '%corrected%'"), ==, id_b);
  g_assert_cmpint (count (f, "SELECT count(*) FROM items_fts WHERE items_fts MATCH 'corrected'"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM items_fts"), ==, 3);
  g_assert_cmpint (count (f, "SELECT count(*) FROM enclosures"), ==, 1);
}

static void
test_undated_and_leaving (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(RnParsedFeed) first = rn_parsed_feed_new ();
  g_autoptr(RnParsedFeed) second = rn_parsed_feed_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RnItemList) list = NULL;
  g_autoptr(RnItem) top = NULL, next = NULL;
  RnIngestStats stats = { 0 };

  /* No dates: the feed's order (newest first) is kept, sorted by first seen. */
  g_ptr_array_add (first->entries, fixture_entry ("new", "Newest", RN_NO_DATE));
  g_ptr_array_add (first->entries, fixture_entry ("old", "Older", RN_NO_DATE));
  g_assert_true (rn_feed_store_ingest_sync (f->store, f->feed_id, first, &stats, &error));
  g_assert_cmpint (count (f, "SELECT count(*) FROM items WHERE published IS NULL AND sort_date = first_seen"), ==, 2);

  list = rn_item_list_new (f->store, NULL, RN_ITEM_SORT_NEWEST);
  top = g_list_model_get_item (G_LIST_MODEL (list), 0);
  next = g_list_model_get_item (G_LIST_MODEL (list), 1);
  g_assert_cmpstr (rn_item_get_title (top), ==, "Newest");
  g_assert_cmpstr (rn_item_get_title (next), ==, "Older");
  g_assert_cmpint (rn_item_get_published (top), ==, 0);

  /* The feed drops both entries: they stay in the library. */
  g_ptr_array_add (second->entries, fixture_entry ("later", "Later", 1764000000));
  g_assert_true (rn_feed_store_ingest_sync (f->store, f->feed_id, second, &stats, &error));
  g_assert_cmpint (count (f, "SELECT count(*) FROM items"), ==, 3);
}

static void
test_prune (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(RnParsedFeed) feed = three_entries ();
  g_autoptr(GError) error = NULL;
  gint64 removed;

  g_assert_true (rn_feed_store_ingest_sync (f->store, f->feed_id, feed, NULL, &error));
  /* a: read → pruned; b: read + starred → kept; c: read + saved → kept */
  for (gint64 id = 1; id <= 3; id++)
    rn_item_store_set_read (f->store, id, TRUE, &error);
  rn_item_store_set_starred (f->store, count (f, "SELECT id FROM items WHERE guid = 'b'"), TRUE, &error);
  {
    /* Saved rows belong to the reading list; a second connection stands in. */
    g_autofree char *sql = g_strdup_printf ("INSERT INTO saved (item_id, saved_at, changed) VALUES (%" G_GINT64_FORMAT ", 0, 0)",
                                            count (f, "SELECT id FROM items WHERE guid = 'c'"));
    sqlite3 *w = NULL;

    g_assert_cmpint (sqlite3_open (rn_store_get_path (f->store), &w), ==, SQLITE_OK);
    sqlite3_busy_timeout (w, 5000);
    g_assert_cmpint (sqlite3_exec (w, sql, NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (w);
  }

  removed = rn_item_store_prune (f->store, G_MAXINT64, &error);
  g_assert_no_error (error);
  g_assert_cmpint (removed, ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM items"), ==, 2);
  g_assert_cmpint (count (f, "SELECT count(*) FROM items WHERE guid = 'a'"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM items_fts"), ==, 2);
}

static void
test_mark_all_read_and_undo (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(RnParsedFeed) feed = three_entries ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) changed = NULL;

  g_assert_true (rn_feed_store_ingest_sync (f->store, f->feed_id, feed, NULL, &error));
  rn_item_store_set_read (f->store, 2, TRUE, &error);
  changed = rn_item_store_mark_all_read (f->store, f->feed_id, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changed->len, ==, 2);
  g_assert_cmpint (count (f, "SELECT count(*) FROM items WHERE read = 0"), ==, 0);

  g_assert_true (rn_item_store_set_read_ids (f->store, changed, FALSE, &error));
  g_assert_cmpint (count (f, "SELECT count(*) FROM items WHERE read = 0"), ==, 2);
  g_assert_cmpint (count (f, "SELECT read FROM items WHERE id = 2"), ==, 1);
}

static void
test_remove_feed_cascades (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(RnParsedFeed) feed = three_entries ();
  g_autoptr(GError) error = NULL;

  g_assert_true (rn_feed_store_ingest_sync (f->store, f->feed_id, feed, NULL, &error));
  g_assert_true (rn_feed_store_remove_feed (f->store, f->feed_id, &error));
  g_assert_cmpint (count (f, "SELECT count(*) FROM items"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM items_fts"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM enclosures"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/radnet/core/feeds/store/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("ingest", test_ingest);
  ADD ("unchanged-not-rewritten", test_unchanged_not_rewritten);
  ADD ("update-in-place", test_update_in_place);
  ADD ("undated-and-leaving", test_undated_and_leaving);
  ADD ("prune-keeps-starred-and-saved", test_prune);
  ADD ("mark-all-read-and-undo", test_mark_all_read_and_undo);
  ADD ("remove-feed-cascades", test_remove_feed_cascades);
#undef ADD

  return g_test_run ();
}
