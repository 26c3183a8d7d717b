/* RnItemList: paging without loading the table, live inserts, state. */
#include "config.h"

#include "feeds-fixture.h"
#include "feeds/rn-feed-store.h"
#include "feeds/rn-item-list.h"
#include "feeds/rn-item-private.h"
#include "rn-test-util.h"
#include "store/rn-sql.h"

#define N_BIG 100000

static gboolean
fill_big (RnStore  *store,
          sqlite3  *db,
          gpointer  data,
          GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!rn_sql_exec (db, "INSERT INTO feeds (id, url, title, added) VALUES (1, 'http://a/', 'A', 0),"
                        " (2, 'http://b/', 'B', 0)", error))
    return FALSE;
  stmt = rn_sql_prepare (db, "INSERT INTO items (feed_id, guid, title, first_seen, sort_date, read) "
                             "VALUES (?, ?, ?, 0, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  for (int i = 0; i < N_BIG; i++)
    {
      char guid[32], title[32];

      g_snprintf (guid, sizeof guid, "g%d", i);
      g_snprintf (title, sizeof title, "Item %d", i);
      sqlite3_bind_int (stmt, 1, i % 2 + 1);
      sqlite3_bind_text (stmt, 2, guid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, title, -1, SQLITE_TRANSIENT);
      /* pairs share a date: the id breaks the tie */
      sqlite3_bind_int64 (stmt, 4, 1000000 + i / 2);
      sqlite3_bind_int (stmt, 5, i % 3 == 0);
      if (!rn_sql_step_done (stmt, error))
        return FALSE;
    }
  return TRUE;
}

static void
test_random_access_pages (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RnContext) context = rn_test_context_new (&dir);
  RnStore *store = rn_context_get_store (context);
  g_autoptr(GError) error = NULL;
  g_autoptr(RnItemList) list = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  guint64 fetched;

  g_assert_true (rn_store_write (store, fill_big, NULL, &error));
  g_assert_no_error (error);

  list = rn_item_list_new (store, NULL, RN_ITEM_SORT_NEWEST);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, N_BIG);
  g_assert_cmpuint (rn_item_list_get_rows_fetched (list), ==, 0);

  for (int k = 0; k < 200; k++)
    {
      guint pos = (guint) g_rand_int_range (rand, 0, N_BIG);
      g_autoptr(RnItem) item = g_list_model_get_item (G_LIST_MODEL (list), pos);

      /* newest first: position p holds id N_BIG - p */
      g_assert_nonnull (item);
      g_assert_cmpint (rn_item_get_id (item), ==, N_BIG - (gint64) pos);
    }
  fetched = rn_item_list_get_rows_fetched (list);
  g_test_message ("200 random get_item calls fetched %" G_GUINT64_FORMAT " rows of %d", fetched, N_BIG);
  g_assert_cmpuint (fetched, <=, 200 * 64);
  g_assert_cmpuint (rn_item_list_get_pages_held (list), <=, 24);

  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), N_BIG));

  /* Finding an item reads no page; one the list does not hold is -1. */
  fetched = rn_item_list_get_rows_fetched (list);
  g_assert_cmpint (rn_item_list_find (list, N_BIG), ==, 0);
  g_assert_cmpint (rn_item_list_find (list, 1), ==, N_BIG - 1);
  g_assert_cmpint (rn_item_list_find (list, 12345), ==, N_BIG - 12345);
  g_assert_cmpint (rn_item_list_find (list, N_BIG + 1), ==, -1);
  g_assert_cmpuint (rn_item_list_get_rows_fetched (list), ==, fetched);
  {
    g_autoptr(RnItemList) oldest = rn_item_list_new (store, NULL, RN_ITEM_SORT_OLDEST);
    g_assert_cmpint (rn_item_list_find (oldest, 12345), ==, 12344);
  }

  g_clear_object (&list);
  g_clear_object (&context);
  rn_test_rmdir (dir);
}

static void
test_sequential_scroll (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RnContext) context = rn_test_context_new (&dir);
  RnStore *store = rn_context_get_store (context);
  g_autoptr(GError) error = NULL;
  RnItemFilter filter = { .feed_id = 2, .unread_only = TRUE };
  g_autoptr(RnItemList) list = NULL;
  gint64 prev_date = G_MAXINT64, prev_id = G_MAXINT64;
  guint n;

  g_assert_true (rn_store_write (store, fill_big, NULL, &error));
  list = rn_item_list_new (store, &filter, RN_ITEM_SORT_NEWEST);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_assert_cmpint (n, ==, rn_sql_query_int (rn_store_get_reader (store),
                   "SELECT count(*) FROM items WHERE feed_id = 2 AND read = 0", -1));

  /* Walk the whole list in order: keys strictly decrease, no row twice. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RnItem) item = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_assert_cmpint (rn_item_get_feed_id (item), ==, 2);
      g_assert_false (rn_item_get_read (item));
      g_assert_true (rn_item_get_sort_date (item) < prev_date ||
                     (rn_item_get_sort_date (item) == prev_date && rn_item_get_id (item) < prev_id));
      prev_date = rn_item_get_sort_date (item);
      prev_id = rn_item_get_id (item);
    }
  /* A walk reads each row once (seeking by key, not by offset). */
  g_assert_cmpuint (rn_item_list_get_rows_fetched (list), ==, n);
  g_assert_cmpuint (rn_item_list_get_pages_held (list), <=, 24);

  g_clear_object (&list);
  g_clear_object (&context);
  rn_test_rmdir (dir);
}

typedef struct
{
  guint position;
  guint removed;
  guint added;
  guint calls;
} Change;

static void
on_changed (GListModel *model,
            guint       position,
            guint       removed,
            guint       added,
            Change     *change)
{
  change->position = position;
  change->removed = removed;
  change->added += added;
  change->calls++;
}

static void
test_live_insert (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RnContext) context = rn_test_context_new (&dir);
  RnStore *store = rn_context_get_store (context);
  RnFeedSpec spec_a = { .url = "https://a.example/rss" }, spec_b = { .url = "https://b.example/rss" };
  g_autoptr(GError) error = NULL;
  g_autoptr(RnParsedFeed) first = rn_parsed_feed_new ();
  g_autoptr(RnParsedFeed) second = rn_parsed_feed_new ();
  g_autoptr(RnParsedFeed) other = rn_parsed_feed_new ();
  g_autoptr(RnItemList) list = NULL;
  g_autoptr(RnItem) item = NULL;
  RnItemFilter filter = { 0 };
  gint64 a = 0, b = 0;
  Change change = { 0 };

  g_assert_true (rn_feed_store_add_feed (store, &spec_a, &a, &error));
  g_assert_true (rn_feed_store_add_feed (store, &spec_b, &b, &error));
  g_ptr_array_add (first->entries, fixture_entry ("1", "Monday", 1000));
  g_ptr_array_add (first->entries, fixture_entry ("2", "Wednesday", 3000));
  g_assert_true (rn_feed_store_ingest_sync (store, a, first, NULL, &error));
  while (g_main_context_iteration (NULL, FALSE));

  filter.feed_id = a;
  list = rn_item_list_new (store, &filter, RN_ITEM_SORT_NEWEST);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  g_signal_connect (list, "items-changed", G_CALLBACK (on_changed), &change);

  /* Another feed's items do not touch this list. */
  g_ptr_array_add (other->entries, fixture_entry ("x", "Elsewhere", 5000));
  g_assert_true (rn_feed_store_ingest_sync (store, b, other, NULL, &error));
  while (g_main_context_iteration (NULL, FALSE));
  g_assert_cmpuint (change.calls, ==, 0);

  /* Tuesday goes between Wednesday and Monday. */
  g_ptr_array_add (second->entries, fixture_entry ("3", "Tuesday", 2000));
  g_assert_true (rn_feed_store_ingest_sync (store, a, second, NULL, &error));
  while (g_main_context_iteration (NULL, FALSE));
  g_assert_cmpuint (change.calls, ==, 1);
  g_assert_cmpuint (change.position, ==, 1);
  g_assert_cmpuint (change.removed, ==, 0);
  g_assert_cmpuint (change.added, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
  item = g_list_model_get_item (G_LIST_MODEL (list), 1);
  g_assert_cmpstr (rn_item_get_title (item), ==, "Tuesday");

  g_clear_object (&list);
  g_clear_object (&context);
  rn_test_rmdir (dir);
}

static void
on_changed_record (GListModel *model,
                   guint       position,
                   guint       removed,
                   guint       added,
                   GArray     *changes)
{
  guint change[3] = { position, removed, added };

  g_array_append_vals (changes, change, 3);
}

/* Adds @n entries with ids @prefix0, @prefix1…, entry i dated
 * @date + i × @step. */
static void
add_dated_entries (RnParsedFeed *parsed,
                   const char   *prefix,
                   const char   *title,
                   guint         n,
                   gint64        date,
                   gint64        step)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf ("%s%u", prefix, i);

      g_ptr_array_add (parsed->entries, fixture_entry (id, title, date + (gint64) i * step));
    }
}

/* Every row of @list is older than the one before it. */
static void
assert_newest_first (GListModel *list)
{
  gint64 previous = G_MAXINT64;

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(RnItem) item = g_list_model_get_item (list, i);

      g_assert_cmpint (rn_item_get_sort_date (item), <, previous);
      previous = rn_item_get_sort_date (item);
    }
}

/* One feed and a list over it whose changes are recorded: the setting of
 * the live-insert tests. */
typedef struct
{
  char       *dir;
  RnContext  *context;
  RnStore    *store;
  gint64      feed;
  RnItemList *list;
  GArray     *changes;   /* position, removed, added of each change */
} Live;

/* Stores @batch in the feed and lets the store's notices go out. */
static void
live_ingest (Live         *l,
             RnParsedFeed *batch)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rn_feed_store_ingest_sync (l->store, l->feed, batch, NULL, &error));
  while (g_main_context_iteration (NULL, FALSE));
}

/* A library holding @old, and the list of all its items, newest first. */
static void
live_setup (Live         *l,
            RnParsedFeed *old)
{
  RnFeedSpec spec = { .url = "https://a.example/rss" };
  g_autoptr(GError) error = NULL;

  l->context = rn_test_context_new (&l->dir);
  l->store = rn_context_get_store (l->context);
  g_assert_true (rn_feed_store_add_feed (l->store, &spec, &l->feed, &error));
  live_ingest (l, old);
  l->list = rn_item_list_new (l->store, NULL, RN_ITEM_SORT_NEWEST);
  l->changes = g_array_new (FALSE, FALSE, sizeof (guint));
  g_signal_connect (l->list, "items-changed", G_CALLBACK (on_changed_record), l->changes);
}

static void
live_teardown (Live *l)
{
  rn_item_list_set_merge_rows (0);
  g_clear_object (&l->list);
  g_clear_object (&l->context);
  g_array_unref (l->changes);
  rn_test_rmdir (l->dir);
  g_free (l->dir);
}

/* The changes recorded are @expected, @n numbers (three per change). */
static void
assert_changes (Live        *l,
                const guint *expected,
                guint        n)
{
  g_assert_cmpuint (l->changes->len, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpuint (g_array_index (l->changes, guint, i), ==, expected[i]);
}

/* New rows next to each other arrive as one change (a list view shifts
 * every row it keeps below each change); rows apart, as one change each. */
static void
test_live_insert_runs (void)
{
  g_autoptr(RnParsedFeed) first = rn_parsed_feed_new ();
  g_autoptr(RnParsedFeed) second = rn_parsed_feed_new ();
  const char *expected[] = { "Saturday", "Friday", "Thursday", "Wednesday", "Tuesday", "Monday" };
  Live l = { 0 };

  g_ptr_array_add (first->entries, fixture_entry ("1", "Monday", 1000));
  g_ptr_array_add (first->entries, fixture_entry ("3", "Wednesday", 3000));
  live_setup (&l, first);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (l.list)), ==, 2);

  /* One write: three newer than all (a run at the top), one between. */
  g_ptr_array_add (second->entries, fixture_entry ("6", "Saturday", 6000));
  g_ptr_array_add (second->entries, fixture_entry ("5", "Friday", 5000));
  g_ptr_array_add (second->entries, fixture_entry ("4", "Thursday", 4000));
  g_ptr_array_add (second->entries, fixture_entry ("2", "Tuesday", 2000));
  live_ingest (&l, second);

  g_assert_cmpuint (l.changes->len, ==, 6);
  g_assert_cmpuint (g_array_index (l.changes, guint, 0), ==, 0);   /* position */
  g_assert_cmpuint (g_array_index (l.changes, guint, 1), ==, 0);   /* removed */
  g_assert_cmpuint (g_array_index (l.changes, guint, 2), ==, 3);   /* added */
  g_assert_cmpuint (g_array_index (l.changes, guint, 3), ==, 4);
  g_assert_cmpuint (g_array_index (l.changes, guint, 4), ==, 0);
  g_assert_cmpuint (g_array_index (l.changes, guint, 5), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (l.list)), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(RnItem) item = g_list_model_get_item (G_LIST_MODEL (l.list), i);

      g_assert_cmpstr (rn_item_get_title (item), ==, expected[i]);
    }
  live_teardown (&l);
}

/* A large batch among the top rows arrives as insertions: nothing is said
 * to be removed, so a list view keeps every row widget it shows, and the
 * count comes out right without a recount. */
static void
test_live_insert_many (void)
{
  g_autoptr(RnParsedFeed) first = rn_parsed_feed_new ();
  g_autoptr(RnParsedFeed) second = rn_parsed_feed_new ();
  const guint expected[] = { 1, 0, 300 };
  const struct { guint position; const char *title; gint64 date; } rows[] = {
    { 0, "Newest", 100000 }, { 1, "New", 10299 }, { 300, "New", 10000 },
    { 301, "Old two", 2000 }, { 302, "Old one", 1000 },
  };
  Live l = { 0 };

  g_ptr_array_add (first->entries, fixture_entry ("a", "Old one", 1000));
  g_ptr_array_add (first->entries, fixture_entry ("b", "Old two", 2000));
  g_ptr_array_add (first->entries, fixture_entry ("c", "Newest", 100000));
  live_setup (&l, first);
  add_dated_entries (second, "n", "New", 300, 10000, 1);
  live_ingest (&l, second);

  assert_changes (&l, expected, G_N_ELEMENTS (expected));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (l.list)), ==, 303);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(RnItem) item = g_list_model_get_item (G_LIST_MODEL (l.list), rows[i].position);

      g_assert_cmpstr (rn_item_get_title (item), ==, rows[i].title);
      g_assert_cmpint (rn_item_get_sort_date (item), ==, rows[i].date);
    }
  live_teardown (&l);
}

/* A large batch further down than the rows merged with: replaced from
 * the end of those rows, with the order and size right. */
static void
test_live_insert_many_deep (void)
{
  g_autoptr(RnParsedFeed) first = rn_parsed_feed_new ();
  g_autoptr(RnParsedFeed) second = rn_parsed_feed_new ();
  g_autoptr(RnItem) last_old = NULL;
  g_autoptr(RnItem) first_new = NULL;
  g_autoptr(RnItem) oldest = NULL;
  Live l = { 0 };

  /* Merged with the first 2,048 old rows, as with 65,536 in a large library. */
  rn_item_list_set_merge_rows (2048);
  /* 3,000 old rows newer than the batch, one older. */
  add_dated_entries (first, "o", "Newer", 3000, 100000, 1);
  g_ptr_array_add (first->entries, fixture_entry ("old", "Oldest", 1));
  live_setup (&l, first);
  add_dated_entries (second, "n", "New", 300, 10000, 1);
  live_ingest (&l, second);

  g_assert_cmpuint (l.changes->len, ==, 6);
  g_assert_cmpuint (g_array_index (l.changes, guint, 0), ==, 2048);
  g_assert_cmpuint (g_array_index (l.changes, guint, 1), ==, 3001 - 2048);
  g_assert_cmpuint (g_array_index (l.changes, guint, 3), ==, 2048);
  g_assert_cmpuint (g_array_index (l.changes, guint, 5), ==, 3301 - 2048);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (l.list)), ==, 3301);
  last_old = g_list_model_get_item (G_LIST_MODEL (l.list), 2999);
  first_new = g_list_model_get_item (G_LIST_MODEL (l.list), 3000);
  oldest = g_list_model_get_item (G_LIST_MODEL (l.list), 3300);
  g_assert_cmpint (rn_item_get_sort_date (last_old), ==, 100000);
  g_assert_cmpint (rn_item_get_sort_date (first_new), ==, 10299);
  g_assert_cmpstr (rn_item_get_title (oldest), ==, "Oldest");
  live_teardown (&l);
}

/* New rows are placed precisely as far down as a view has read (and some
 * more), even after a change it read nothing after; below that they
 * replace the rest of the list. */
static void
test_live_insert_follows_view (void)
{
  g_autoptr(RnParsedFeed) old = rn_parsed_feed_new ();
  Live l = { 0 };

  /* 5,000 rows, newest first: row r is dated 100,000 - 20 r. */
  add_dated_entries (old, "o", "Old", 5000, 100000 - 4999 * 20, 20);
  live_setup (&l, old);

  for (guint round = 0; round < 3; round++)
    {
      g_autoptr(RnParsedFeed) batch = rn_parsed_feed_new ();
      g_autofree char *prefix = g_strdup_printf ("n%u-", round);
      guint n = g_list_model_get_n_items (G_LIST_MODEL (l.list));

      if (round == 1)
        {
          /* A view shows row 3,400. */
          g_autoptr(RnItem) shown = g_list_model_get_item (G_LIST_MODEL (l.list), 3400);
          g_assert_nonnull (shown);
        }
      g_array_set_size (l.changes, 0);
      /* Ten rows in one run just below old row 3,500 (3,600 the second
       * time; old rows are 20 apart). */
      add_dated_entries (batch, prefix, "New", 10, 100000 - (3500 + 100 * round) * 20 - 1, -1);
      live_ingest (&l, batch);

      if (round == 0)
        {
          /* Nothing read: merged with 2,048 rows, replaced from there. */
          g_assert_cmpuint (l.changes->len, ==, 6);
          g_assert_cmpuint (g_array_index (l.changes, guint, 0), ==, 2048);
          g_assert_cmpuint (g_array_index (l.changes, guint, 1), ==, n - 2048);
          g_assert_cmpuint (g_array_index (l.changes, guint, 5), ==, n - 2048 + 10);
        }
      else if (round == 1)
        {
          const guint expected[] = { 3601 + 10, 0, 10 };

          assert_changes (&l, expected, G_N_ELEMENTS (expected));
        }
      else
        {
          /* Nothing read since: a view keeps its rows through a change
           * without reading them again, and is still that deep. */
          const guint expected[] = { 3701 + 20, 0, 10 };

          assert_changes (&l, expected, G_N_ELEMENTS (expected));
        }
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (l.list)), ==, n + 10);
      /* Reading it all is what a view does not do before round 2. */
      if (round != 1)
        assert_newest_first (G_LIST_MODEL (l.list));
    }
  live_teardown (&l);
}

/* A large batch, part interleaved with the top rows and part far down: the
 * top part as insertions in place (one change per run), the part below the
 * rows merged with by replacing the rows from there down; the whole list
 * in order afterwards. */
static void
test_live_insert_many_interleaved (void)
{
  g_autoptr(RnParsedFeed) first = rn_parsed_feed_new ();
  g_autoptr(RnParsedFeed) second = rn_parsed_feed_new ();
  Live l = { 0 };

  /* Merged with the first 2,048 old rows, as with 65,536 in a large library. */
  rn_item_list_set_merge_rows (2048);
  add_dated_entries (first, "o", "Old", 3000, 100000, 10);
  live_setup (&l, first);
  /* 20 rows each just above one of the 20 newest old rows... */
  add_dated_entries (second, "t", "New", 20, 129995, -10);
  /* ...and 300 among the 300 oldest. */
  add_dated_entries (second, "d", "New", 300, 100003, 10);
  live_ingest (&l, second);

  g_assert_cmpuint (l.changes->len, ==, (20 + 2) * 3);
  for (guint c = 0; c < 20; c++)
    {
      g_assert_cmpuint (g_array_index (l.changes, guint, 3 * c), ==, 2 * c);
      g_assert_cmpuint (g_array_index (l.changes, guint, 3 * c + 1), ==, 0);
      g_assert_cmpuint (g_array_index (l.changes, guint, 3 * c + 2), ==, 1);
    }
  g_assert_cmpuint (g_array_index (l.changes, guint, 60), ==, 2048 + 20);
  g_assert_cmpuint (g_array_index (l.changes, guint, 61), ==, 3020 - 2068);
  g_assert_cmpuint (g_array_index (l.changes, guint, 62), ==, 0);
  g_assert_cmpuint (g_array_index (l.changes, guint, 63), ==, 2048 + 20);
  g_assert_cmpuint (g_array_index (l.changes, guint, 64), ==, 0);
  g_assert_cmpuint (g_array_index (l.changes, guint, 65), ==, 3320 - 2068);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (l.list)), ==, 3320);
  assert_newest_first (G_LIST_MODEL (l.list));
  live_teardown (&l);
}

static gboolean
insert_newest (RnStore  *store,
               sqlite3  *db,
               gpointer  data,
               GError  **error)
{
  Live *l = data;
  g_autofree char *sql = g_strdup_printf (
    "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 10)"
    " INSERT INTO items (feed_id, guid, title, first_seen, sort_date)"
    " SELECT %" G_GINT64_FORMAT ", 'late' || x, 'Late ' || x, 0, 900000 + x FROM n", l->feed);

  return rn_sql_exec (db, sql, error);
}

static void
on_written (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  g_assert_true (rn_store_write_finish (RN_STORE (source), result, NULL));
  *(gboolean *) data = TRUE;
}

/* The ids of every row, read from the list (its pages evicted and read
 * again as it goes: there are more rows than it keeps). */
static GArray *
read_ids (GListModel *list)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(RnItem) item = g_list_model_get_item (list, i);
      gint64 id = rn_item_get_id (item);

      g_array_append_val (ids, id);
    }
  return ids;
}

/* Items committed by another thread but not yet announced (the store's
 * notice waits on the main loop) stay out of a list: pages read in
 * between hold the same rows as before, and a list made then does not
 * count them, so items-added brings them in once. */
static void
test_live_insert_unannounced (void)
{
  g_autoptr(RnParsedFeed) old = rn_parsed_feed_new ();
  g_autoptr(GArray) before = NULL;
  g_autoptr(GArray) between = NULL;
  g_autoptr(GArray) after = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(RnItemList) fresh = NULL;
  gboolean written = FALSE;
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  Live l = { 0 };

  /* More rows than the list keeps pages of. */
  add_dated_entries (old, "o", "Old", 3000, 1000, 10);
  live_setup (&l, old);
  before = read_ids (G_LIST_MODEL (l.list));
  g_assert_cmpuint (before->len, ==, 3000);

  rn_store_write_async (l.store, insert_newest, &l, NULL, NULL, on_written, &written);
  /* Committed, and the main loop not run. */
  while (rn_sql_query_int (rn_store_get_reader (l.store), "SELECT count(*) FROM items", 0) < 3010 &&
         g_get_monotonic_time () < deadline)
    g_usleep (1000);
  g_assert_cmpint (rn_sql_query_int (rn_store_get_reader (l.store), "SELECT count(*) FROM items", 0), ==, 3010);
  g_assert_false (written);

  between = read_ids (G_LIST_MODEL (l.list));
  g_assert_cmpuint (between->len, ==, 3000);
  g_assert_cmpmem (between->data, between->len * sizeof (gint64), before->data, before->len * sizeof (gint64));
  fresh = rn_item_list_new (l.store, NULL, RN_ITEM_SORT_NEWEST);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fresh)), ==, 3000);

  g_assert_true (rn_test_wait_for (&written, 5000));
  while (g_main_context_iteration (NULL, FALSE));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (l.list)), ==, 3010);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fresh)), ==, 3010);
  after = read_ids (G_LIST_MODEL (fresh));
  for (guint i = 0; i < after->len; i++)
    g_assert_true (g_hash_table_add (seen, &g_array_index (after, gint64, i)));
  assert_newest_first (G_LIST_MODEL (fresh));
  assert_newest_first (G_LIST_MODEL (l.list));
  live_teardown (&l);
}

/* New rows scattered one by one among the old ones near the top: one
 * insertion each, and the old rows are the objects handed out before (so
 * a list view keeps their row widgets). */
static void
test_live_insert_scattered (void)
{
  g_autoptr(RnParsedFeed) first = rn_parsed_feed_new ();
  g_autoptr(RnParsedFeed) second = rn_parsed_feed_new ();
  g_autoptr(RnItem) shown = NULL;
  g_autoptr(RnItem) again = NULL;
  Live l = { 0 };

  add_dated_entries (first, "o", "Old", 100, 1000, 10);
  live_setup (&l, first);
  shown = g_list_model_get_item (G_LIST_MODEL (l.list), 5);
  /* One below each old row: the first lands at position 1. */
  add_dated_entries (second, "n", "New", 100, 1985, -10);
  live_ingest (&l, second);

  g_assert_cmpuint (l.changes->len, ==, 3 * 100);
  for (guint k = 0; k < 100; k++)
    {
      g_assert_cmpuint (g_array_index (l.changes, guint, 3 * k), ==, 1 + 2 * k);
      g_assert_cmpuint (g_array_index (l.changes, guint, 3 * k + 1), ==, 0);
      g_assert_cmpuint (g_array_index (l.changes, guint, 3 * k + 2), ==, 1);
    }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (l.list)), ==, 200);
  assert_newest_first (G_LIST_MODEL (l.list));
  /* Old row 5 is row 10 now, the same object. */
  again = g_list_model_get_item (G_LIST_MODEL (l.list), 10);
  g_assert_true (again == shown);
  live_teardown (&l);
}

static gboolean
exec_sql (RnStore  *store,
          sqlite3  *db,
          gpointer  sql,
          GError  **error)
{
  /* Said as a change, as the store's own writers say it. */
  rn_store_note_items_changed (store);
  return rn_sql_exec (db, sql, error);
}

static void
run_sql (RnStore    *store,
         const char *sql)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rn_store_write (store, exec_sql, (gpointer) sql, &error));
  g_assert_no_error (error);
  while (g_main_context_iteration (NULL, FALSE));
}

/* A source, a folder, all and unread items are counted from the per-feed
 * counts the store keeps, and agree with the rows as items change. */
static void
test_kept_counts (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RnContext) context = rn_test_context_new (&dir);
  RnStore *store = rn_context_get_store (context);
  const RnItemFilter filters[] = {
    { 0 }, { .unread_only = TRUE }, { .feed_id = 2 }, { .feed_id = 2, .unread_only = TRUE },
    { .folder_id = 7 }, { .folder_id = 7, .unread_only = TRUE }, { .starred_only = TRUE },
  };
  const char *wheres[] = {
    "1", "read = 0", "feed_id = 2", "feed_id = 2 AND read = 0",
    "feed_id IN (SELECT id FROM feeds WHERE folder_id = 7)",
    "feed_id IN (SELECT id FROM feeds WHERE folder_id = 7) AND read = 0", "starred = 1",
  };
  RnItemList *lists[G_N_ELEMENTS (filters)];
  const char *changes[] = {
    "UPDATE items SET read = 1 WHERE guid IN ('a1', 'b2')",
    "INSERT INTO items (feed_id, guid, first_seen, sort_date, read, starred) VALUES (3, 'c2', 0, 5, 0, 1)",
    "UPDATE items SET feed_id = 1 WHERE guid = 'b1'",
    "DELETE FROM items WHERE guid = 'c1'",
    "DELETE FROM feeds WHERE id = 3",
  };

  run_sql (store, "INSERT INTO folders (id, title, position) VALUES (7, 'Journals', 0);"
                  "INSERT INTO feeds (id, url, added, folder_id) VALUES (1, 'https://a.example/', 0, NULL),"
                  "  (2, 'https://b.example/', 0, 7), (3, 'https://c.example/', 0, 7);"
                  "INSERT INTO items (feed_id, guid, first_seen, sort_date, read, starred) VALUES "
                  "  (1, 'a1', 0, 1, 0, 0), (2, 'b1', 0, 2, 0, 1), (2, 'b2', 0, 3, 1, 0), (3, 'c1', 0, 4, 0, 0);");
  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    lists[i] = rn_item_list_new (store, &filters[i], RN_ITEM_SORT_NEWEST);

  for (guint c = 0; c <= G_N_ELEMENTS (changes); c++)
    {
      if (c > 0)
        run_sql (store, changes[c - 1]);
      for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
        {
          g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM items WHERE %s", wheres[i]);

          g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (lists[i])), ==,
                            rn_sql_query_int (rn_store_get_reader (store), sql, -1));
        }
    }

  /* The kept counts are what is read: tampered with, the lists follow
   * them (all but the starred list, which counts its rows). */
  run_sql (store, "UPDATE feed_items SET n = n + 100; UPDATE feed_unread SET n = n + 100");
  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    {
      g_autoptr(RnItemList) fresh = rn_item_list_new (store, &filters[i], RN_ITEM_SORT_NEWEST);
      guint n = g_list_model_get_n_items (G_LIST_MODEL (fresh));

      if (filters[i].starred_only)
        g_assert_cmpuint (n, <, 100);
      else
        g_assert_cmpuint (n, >=, 100);
    }

  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    g_object_unref (lists[i]);
  g_clear_object (&context);
  rn_test_rmdir (dir);
}

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           guint      *count)
{
  (*count)++;
}

static void
test_state_follows_store (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RnContext) context = rn_test_context_new (&dir);
  RnStore *store = rn_context_get_store (context);
  RnFeedSpec spec = { .url = "https://a.example/rss" };
  g_autoptr(GError) error = NULL;
  g_autoptr(RnParsedFeed) feed = rn_parsed_feed_new ();
  g_autoptr(RnItemList) all = NULL, unread = NULL;
  g_autoptr(RnItem) item = NULL;
  RnItemFilter unread_filter = { .unread_only = TRUE };
  guint notified = 0;
  gint64 id = 0;

  g_assert_true (rn_feed_store_add_feed (store, &spec, &id, &error));
  g_ptr_array_add (feed->entries, fixture_entry ("1", "One", 1000));
  g_ptr_array_add (feed->entries, fixture_entry ("2", "Two", 2000));
  g_assert_true (rn_feed_store_ingest_sync (store, id, feed, NULL, &error));
  while (g_main_context_iteration (NULL, FALSE));

  all = rn_item_list_new (store, NULL, RN_ITEM_SORT_NEWEST);
  unread = rn_item_list_new (store, &unread_filter, RN_ITEM_SORT_NEWEST);
  item = g_list_model_get_item (G_LIST_MODEL (all), 0);
  g_signal_connect (item, "notify::read", G_CALLBACK (on_notify), &notified);

  g_assert_true (rn_item_store_set_read (store, rn_item_get_id (item), TRUE, &error));
  while (g_main_context_iteration (NULL, FALSE));
  g_assert_true (rn_item_get_read (item));
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (unread)), ==, 1);
  g_assert_cmpuint (rn_item_list_get_unread_count (all), ==, 1);

  g_clear_object (&item);
  g_clear_object (&all);
  g_clear_object (&unread);
  g_clear_object (&context);
  rn_test_rmdir (dir);
}

static void
test_fts_words_are_text (void)
{
  g_autofree char *q1 = rn_item_list_fts_from_words ("NEAR(a b) \"x\" title:y *");
  g_autofree char *q2 = rn_item_list_fts_from_words ("   ");

  g_assert_cmpstr (q1, ==, "\"NEAR(a\" \"b)\" \"\"\"x\"\"\" \"title:y\" \"*\"");
  g_assert_null (q2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/radnet/core/feeds/item-list/random-access-pages", test_random_access_pages);
  g_test_add_func ("/radnet/core/feeds/item-list/sequential-scroll", test_sequential_scroll);
  g_test_add_func ("/radnet/core/feeds/item-list/live-insert", test_live_insert);
  g_test_add_func ("/radnet/core/feeds/item-list/live-insert-runs", test_live_insert_runs);
  g_test_add_func ("/radnet/core/feeds/item-list/live-insert-many", test_live_insert_many);
  g_test_add_func ("/radnet/core/feeds/item-list/live-insert-many-deep", test_live_insert_many_deep);
  g_test_add_func ("/radnet/core/feeds/item-list/live-insert-many-interleaved", test_live_insert_many_interleaved);
  g_test_add_func ("/radnet/core/feeds/item-list/live-insert-follows-view", test_live_insert_follows_view);
  g_test_add_func ("/radnet/core/feeds/item-list/live-insert-scattered", test_live_insert_scattered);
  g_test_add_func ("/radnet/core/feeds/item-list/live-insert-unannounced", test_live_insert_unannounced);
  g_test_add_func ("/radnet/core/feeds/item-list/state-follows-store", test_state_follows_store);
  g_test_add_func ("/radnet/core/feeds/item-list/kept-counts", test_kept_counts);
  g_test_add_func ("/radnet/core/feeds/item-list/fts-words-are-text", test_fts_words_are_text);

  return g_test_run ();
}
