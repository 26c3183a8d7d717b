/* RnColumn, RnColumnStore and the notices on a generated library of 300
 * items: paging against a plain SQL oracle, sort orders, incremental
 * insertion of new items (only the new ids evaluated), unread count,
 * persistence across reopening, remove + undo, notification grouping and
 * remote search through a fake RnRemoteSearch. */
#include "config.h"

#include "feeds/rn-feed-store.h"
#include "rn-test-util.h"
#include "search/rn-column.h"
#include "search/rn-column-notify.h"
#include "search/rn-column-store.h"
#include "search/rn-remote-search.h"
#include "store/rn-sql.h"
#include "store/rn-store.h"

#define N_ITEMS 300

/* Feeds 1 "Alpha" and 2 "Beta"; items 1…300 alternate between them; every
 * third has "embolism" in its title; every fifth is read. sort_date repeats
 * (ties are broken by id). */
static const char fixture[] =
  "INSERT INTO feeds (id, kind, url, title, added) VALUES"
  " (1, 'feed', 'https://alpha.example/rss', 'Alpha', 0),"
  " (2, 'feed', 'https://beta.example/rss', 'Beta', 0);"
  "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 300)"
  " INSERT INTO items (feed_id, guid, title, first_seen, sort_date, summary, read)"
  " SELECT 1 + x % 2, 'g' || x,"
  "  CASE WHEN x % 3 = 0 THEN 'Pulmonary embolism case ' || x ELSE 'Other item ' || x END,"
  "  1000000 + x, 1000000 + (x * 7919) % 240, 'text of item ' || x, x % 5 = 0 FROM n;";

typedef struct
{
  char    *dir;
  char    *path;
  RnStore *store;
} Fixture;

static gboolean
exec_sql (RnStore  *s,
          sqlite3  *db,
          gpointer  data,
          GError  **error)
{
  return rn_sql_exec (db, data, error);
}

static void
fixture_open (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  f->store = rn_store_open (f->path, &error);
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = rn_test_mkdtemp ();
  f->path = g_build_filename (f->dir, "library.db", NULL);
  fixture_open (f);
  rn_store_write (f->store, exec_sql, (gpointer) fixture, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gpointer weak = f->store;
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  /* Counts still running on worker threads hold their column (and so the
   * store) until they report back on this context. */
  g_object_add_weak_pointer (G_OBJECT (f->store), &weak);
  g_clear_object (&f->store);
  while (weak != NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_null (weak);
  rn_test_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

/* The ids a plain SQL statement gives, as "1,2,3". */
static char *
oracle (Fixture    *f,
        const char *where,
        const char *order)
{
  g_autofree char *sql = g_strdup_printf ("SELECT i.id FROM items i JOIN feeds f ON f.id = i.feed_id "
                                          "WHERE %s ORDER BY %s", where, order);
  g_autoptr(sqlite3_stmt) stmt = rn_sql_prepare (rn_store_get_reader (f->store), sql, NULL);
  GString *out = g_string_new (NULL);

  g_assert_nonnull (stmt);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (out, "%s%" G_GINT64_FORMAT, out->len > 0 ? "," : "",
                            (gint64) sqlite3_column_int64 (stmt, 0));
  return g_string_free (out, FALSE);
}

/* Reads every page; returns the ids in model order. */
static char *
read_all (RnColumn *column)
{
  GListModel *model = G_LIST_MODEL (column);
  GString *out = g_string_new (NULL);

  while (rn_column_load_more (column, NULL) > 0)
    ;
  g_assert_true (rn_column_get_complete (column));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(RnItem) item = g_list_model_get_item (model, i);

      g_assert_nonnull (item);
      g_string_append_printf (out, "%s%" G_GINT64_FORMAT, out->len > 0 ? "," : "", rn_item_get_id (item));
    }
  return g_string_free (out, FALSE);
}

static void
test_paging (Fixture       *f,
             gconstpointer  data)
{
  static const struct
  {
    const char *query;
    const char *where;
  } cases[] = {
    { "embolism", "i.title LIKE '%embolism%'" },
    { "source:Alpha", "f.title = 'Alpha'" },
    { "source:Beta -embolism", "f.title = 'Beta' AND i.title NOT LIKE '%embolism%'" },
    { "is:unread", "i.read = 0" },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RnColumn) newest = rn_column_new (f->store, "n", cases[c].query, &error);
      g_autoptr(RnColumn) oldest = rn_column_new (f->store, "o", cases[c].query, &error);
      g_autofree char *want_newest = oracle (f, cases[c].where, "i.sort_date DESC, i.id DESC");
      g_autofree char *want_oldest = oracle (f, cases[c].where, "i.sort_date ASC, i.id ASC");
      g_autofree char *got_newest = NULL;
      g_autofree char *got_oldest = NULL;
      RnColumnStats stats;

      g_assert_no_error (error);
      rn_column_set_sort (oldest, RN_QUERY_SORT_OLDEST);
      /* The first look reads one page only. */
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (newest)), <=, 64);
      rn_column_get_stats (newest, &stats);
      g_assert_cmpuint (stats.pages_fetched, ==, 1);
      /* Reading the last rows does not grow it: views ask when scrolled. */
      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (newest)); i++)
        g_clear_object (&(RnItem *) { g_list_model_get_item (G_LIST_MODEL (newest), i) });
      while (g_main_context_iteration (NULL, FALSE));
      rn_column_get_stats (newest, &stats);
      g_assert_cmpuint (stats.pages_fetched, ==, 1);

      got_newest = read_all (newest);
      got_oldest = read_all (oldest);
      g_assert_cmpstr (got_newest, ==, want_newest);
      g_assert_cmpstr (got_oldest, ==, want_oldest);
      rn_column_get_stats (newest, &stats);
      g_assert_cmpuint (stats.pages_fetched, >=, 2);
      g_assert_cmpuint (stats.items_cached, <=, 1536);
    }
}

/* The item list's search limited to a place: scope filters. */
static void
test_scope (Fixture       *f,
            gconstpointer  data)
{
  static const struct
  {
    RnColumnFilters scope;
    const char *where;
  } cases[] = {
    { { .feed_id = 1 }, "i.feed_id = 1" },
    { { .folder_id = 7 }, "0" },
    { { .unread_only = TRUE }, "i.read = 0" },
    { { .feed_id = 2, .unread_only = TRUE }, "i.feed_id = 2 AND i.read = 0" },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(RnColumn) column = rn_column_new (f->store, "s", "embolism", NULL);
      g_autofree char *where = g_strdup_printf ("i.title LIKE '%%embolism%%' AND %s", cases[c].where);
      g_autofree char *want = oracle (f, where, "i.sort_date DESC, i.id DESC");
      g_autofree char *got = NULL;

      rn_column_set_scope (column, &cases[c].scope);
      got = read_all (column);
      g_assert_cmpstr (got, ==, want);
    }
}

static void
test_relevance (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RnColumn) column = rn_column_new (f->store, "r", "embolism OR other", &error);
  g_autofree char *got = NULL;
  g_autofree char *want = oracle (f, "1", "i.id");
  g_auto(GStrv) ids = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_no_error (error);
  rn_column_set_sort (column, RN_QUERY_SORT_RELEVANCE);
  got = read_all (column);
  /* Every item once (all of them match), whatever the ranking. */
  ids = g_strsplit (got, ",", -1);
  g_assert_cmpuint (g_strv_length (ids), ==, N_ITEMS);
  for (guint i = 0; ids[i] != NULL; i++)
    g_assert_true (g_hash_table_add (seen, ids[i]));
}

static void
test_invalid (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RnColumn) column = rn_column_new (f->store, "bad", "\"unbalanced", &error);
  guint start, end;

  g_assert_null (column);
  g_assert_error (error, RN_QUERY_ERROR, RN_QUERY_ERROR_UNBALANCED);
  g_assert_true (rn_query_error_get_position (error, &start, &end));
  g_assert_cmpuint (start, ==, 0);

  column = rn_column_new (f->store, "ok", "embolism", NULL);
  g_clear_error (&error);
  g_assert_false (rn_column_set_query (column, "title:", &error));
  g_assert_error (error, RN_QUERY_ERROR, RN_QUERY_ERROR_MISSING_VALUE);
  g_assert_cmpstr (rn_column_get_query (column), ==, "embolism");
}

typedef struct
{
  guint position, removed, added;
} Change;

static void
on_model_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GArray     *changes)
{
  Change c = { position, removed, added };

  g_array_append_val (changes, c);
}

static void
on_store_added (RnStore  *store,
                gint64    first,
                gint64    last,
                gboolean *flag)
{
  *flag = TRUE;
}

static RnParsedEntry *
entry (const char *id,
       const char *title,
       gint64      published)
{
  RnParsedEntry *e = rn_parsed_entry_new ();

  e->id = g_strdup (id);
  e->title = g_strdup (title);
  e->link = g_strdup_printf ("https://alpha.example/%s", id);
  e->published = published;
  return e;
}

/* Ingests @parsed into feed 1 and waits for items-added. */
static void
ingest (Fixture      *f,
        gint64        feed_id,
        RnParsedFeed *parsed)
{
  g_autoptr(GError) error = NULL;
  gboolean added = FALSE;
  gulong id = g_signal_connect (f->store, "items-added", G_CALLBACK (on_store_added), &added);
  RnIngestStats stats = { 0 };

  rn_feed_store_ingest_sync (f->store, feed_id, parsed, &stats, &error);
  g_assert_no_error (error);
  g_assert_true (rn_test_wait_for (&added, 5000));
  g_signal_handler_disconnect (f->store, id);
}

static void
test_incremental (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RnColumn) column = rn_column_new (f->store, "pe", "embolism", &error);
  g_autoptr(GArray) changes = g_array_new (FALSE, FALSE, sizeof (Change));
  g_autoptr(RnParsedFeed) parsed = rn_parsed_feed_new ();
  g_autofree char *got = NULL;
  g_autofree char *want = NULL;
  RnColumnStats before, after;
  gint64 max_id = rn_sql_query_int (rn_store_get_reader (f->store), "SELECT max(id) FROM items", 0);
  guint n;

  g_assert_no_error (error);
  /* Read it all so that an insertion anywhere is visible. */
  g_free (read_all (column));
  n = g_list_model_get_n_items (G_LIST_MODEL (column));
  g_assert_cmpuint (n, ==, N_ITEMS / 3);
  rn_column_get_stats (column, &before);
  g_signal_connect (column, "items-changed", G_CALLBACK (on_model_changed), changes);

  /* Newest of all; in the middle (sort_date 1000100: after the rows above
   * it); not matching; and one older than everything. */
  g_ptr_array_add (parsed->entries, entry ("n1", "Embolism: the newest", 2000000));
  g_ptr_array_add (parsed->entries, entry ("n2", "Embolism in the middle", 1000100));
  g_ptr_array_add (parsed->entries, entry ("n3", "Nothing to see", 2000001));
  g_ptr_array_add (parsed->entries, entry ("n4", "Old embolism", 10));
  ingest (f, 1, parsed);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (column)), ==, n + 3);
  g_assert_cmpuint (changes->len, ==, 3);
  rn_column_get_stats (column, &after);
  /* No page was read again; only the four new ids were evaluated. */
  g_assert_cmpuint (after.pages_fetched, ==, before.pages_fetched);
  g_assert_cmpuint (after.incremental_runs, ==, before.incremental_runs + 1);
  g_assert_cmpuint (after.ids_evaluated - before.ids_evaluated, ==, 4);

  want = oracle (f, "i.title LIKE '%embolism%'", "i.sort_date DESC, i.id DESC");
  {
    GString *out = g_string_new (NULL);

    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (column)); i++)
      {
        g_autoptr(RnItem) item = g_list_model_get_item (G_LIST_MODEL (column), i);
        g_string_append_printf (out, "%s%" G_GINT64_FORMAT, out->len > 0 ? "," : "", rn_item_get_id (item));
      }
    got = g_string_free (out, FALSE);
  }
  g_assert_cmpstr (got, ==, want);

  /* Each change inserted one row where the final order has it. */
  for (guint k = 0; k < changes->len; k++)
    {
      Change *c = &g_array_index (changes, Change, k);

      g_assert_cmpuint (c->removed, ==, 0);
      g_assert_cmpuint (c->added, ==, 1);
    }
  g_assert_cmpuint (g_array_index (changes, Change, 0).position, ==, 0);   /* "newest" */
  {
    g_autoptr(RnItem) first = g_list_model_get_item (G_LIST_MODEL (column), 0);
    g_autoptr(RnItem) last = g_list_model_get_item (G_LIST_MODEL (column), n + 2);

    g_assert_cmpstr (rn_item_get_title (first), ==, "Embolism: the newest");
    g_assert_cmpstr (rn_item_get_title (last), ==, "Old embolism");
    g_assert_cmpint (rn_item_get_id (first), >, max_id);
  }
}

/* A column that has read only its first page does not grow past it, but
 * still shows new items at the top. */
static void
test_incremental_partial (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(RnColumn) column = rn_column_new (f->store, "all", "source:Alpha OR source:Beta", NULL);
  g_autoptr(RnParsedFeed) parsed = rn_parsed_feed_new ();
  guint n = g_list_model_get_n_items (G_LIST_MODEL (column));

  g_assert_cmpuint (n, ==, 64);
  g_ptr_array_add (parsed->entries, entry ("p1", "Top", 3000000));
  g_ptr_array_add (parsed->entries, entry ("p2", "Bottom", 5));
  ingest (f, 1, parsed);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (column)), ==, 65);
  {
    g_autoptr(RnItem) first = g_list_model_get_item (G_LIST_MODEL (column), 0);
    g_assert_cmpstr (rn_item_get_title (first), ==, "Top");
  }
}

/* A prefix column spelled as the words of the index takes in new items
 * whose words the index did not have before. */
static void
test_incremental_prefix_new_words (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RnColumn) column = rn_column_new (f->store, "emb", "emb*", &error);
  g_autoptr(RnParsedFeed) parsed = rn_parsed_feed_new ();
  g_autofree char *want = NULL;
  g_autofree char *got = NULL;

  g_assert_no_error (error);
  g_free (read_all (column));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (column)), ==, N_ITEMS / 3);

  g_ptr_array_add (parsed->entries, entry ("w1", "Emboli in both lungs", 2000000));
  g_ptr_array_add (parsed->entries, entry ("w2", "Embolization of a fistula", 2000001));
  g_ptr_array_add (parsed->entries, entry ("w3", "Nothing to see", 2000002));
  ingest (f, 1, parsed);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (column)), ==, N_ITEMS / 3 + 2);
  want = oracle (f, "i.title LIKE '%emb%'", "i.sort_date DESC, i.id DESC");
  got = read_all (column);
  g_assert_cmpstr (got, ==, want);
}

static void
on_notify_flag (GObject    *object,
                GParamSpec *pspec,
                gboolean   *flag)
{
  *flag = TRUE;
}

static void
test_unread_and_state (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RnColumn) column = rn_column_new (f->store, "pe", "embolism", &error);
  g_autoptr(RnItem) item = NULL;
  gboolean changed = FALSE;
  guint unread = 0;

  g_signal_connect (column, "notify::unread-count", G_CALLBACK (on_notify_flag), &changed);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (column)), >, 0);
  g_assert_true (rn_test_wait_for (&changed, 5000));
  /* x % 3 == 0 and x % 5 != 0: 100 - 20 */
  g_assert_cmpuint (rn_column_get_unread_count (column), ==, 80);

  /* Marking a row read updates the row held and the count. */
  item = g_list_model_get_item (G_LIST_MODEL (column), 0);
  unread = rn_item_get_read (item) ? 80 : 79;
  changed = FALSE;
  rn_item_store_set_read (f->store, rn_item_get_id (item), TRUE, &error);
  g_assert_no_error (error);
  g_assert_true (rn_test_wait_for (&changed, 5000) || unread == 80);
  g_assert_true (rn_item_get_read (item));
  g_assert_cmpuint (rn_column_get_unread_count (column), ==, unread);
}

static void
test_persistence (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RnColumnStore) columns = rn_column_store_new (f->store, &error);
  const char *exclude[] = { "case", NULL };
  const char *authors[] = { "Smith", "Müller", NULL };
  const char *remote[] = { "mastodon:1", NULL };
  RnColumn *a, *b, *c;

  g_assert_no_error (error);
  a = rn_column_store_add (columns, "PE", "\"pulmonary embolism\" OR CTPA", RN_QUERY_SORT_NEWEST, FALSE, &error);
  g_assert_no_error (error);
  b = rn_column_store_add (columns, "#RSNA2026", "#RSNA2026", RN_QUERY_SORT_OLDEST, TRUE, &error);
  g_assert_no_error (error);
  c = rn_column_store_add (columns, "Alpha", "source:Alpha has:doi is:unread", RN_QUERY_SORT_RELEVANCE, FALSE, &error);
  g_assert_no_error (error);
  g_assert_null (rn_column_store_add (columns, "PE", "x", RN_QUERY_SORT_NEWEST, FALSE, &error));
  g_assert_error (error, RN_COLUMN_ERROR, RN_COLUMN_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_null (rn_column_store_add (columns, "Bad", "(x", RN_QUERY_SORT_NEWEST, FALSE, &error));
  g_assert_error (error, RN_QUERY_ERROR, RN_QUERY_ERROR_UNBALANCED);
  g_clear_error (&error);

  rn_column_set_width (a, 420);
  rn_column_set_exclude_words (a, exclude);
  rn_column_set_authors (c, authors);
  rn_column_set_media_only (c, TRUE);
  rn_column_set_hide_boosts (b, TRUE);
  rn_column_set_hide_replies (b, TRUE);
  rn_column_set_remote_accounts (b, remote);
  rn_column_set_seen_id (b, 123);
  g_assert_true (rn_column_store_rename (columns, c, "Alpha journal", &error));
  g_assert_false (rn_column_store_rename (columns, c, "PE", &error));
  g_assert_error (error, RN_COLUMN_ERROR, RN_COLUMN_ERROR_EXISTS);
  g_clear_error (&error);
  /* Order: Alpha journal, PE, #RSNA2026 */
  g_assert_true (rn_column_store_move (columns, c, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpint (rn_column_get_position (c), ==, 0);
  g_assert_cmpint (rn_column_get_position (a), ==, 1);
  g_assert_cmpint (rn_column_get_position (b), ==, 2);

  /* Close everything and open the library again. */
  g_assert_finalize_object (g_steal_pointer (&columns));
  g_assert_finalize_object (g_steal_pointer (&f->store));
  fixture_open (f);
  columns = rn_column_store_new (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (columns)), ==, 3);
  {
    g_autoptr(RnColumn) c2 = g_list_model_get_item (G_LIST_MODEL (columns), 0);
    g_autoptr(RnColumn) a2 = g_list_model_get_item (G_LIST_MODEL (columns), 1);
    g_autoptr(RnColumn) b2 = g_list_model_get_item (G_LIST_MODEL (columns), 2);
    g_auto(GStrv) accounts = rn_column_dup_remote_accounts (b2);

    g_assert_cmpstr (rn_column_get_name (c2), ==, "Alpha journal");
    g_assert_cmpint (rn_column_get_sort (c2), ==, RN_QUERY_SORT_RELEVANCE);
    g_assert_true (g_strv_equal (rn_column_get_authors (c2), authors));
    g_assert_true (rn_column_get_media_only (c2));
    g_assert_cmpstr (rn_column_get_name (a2), ==, "PE");
    g_assert_cmpstr (rn_column_get_query (a2), ==, "\"pulmonary embolism\" OR CTPA");
    g_assert_cmpint (rn_column_get_width (a2), ==, 420);
    g_assert_true (g_strv_equal (rn_column_get_exclude_words (a2), exclude));
    g_assert_false (rn_column_get_notify (a2));
    g_assert_cmpstr (rn_column_get_name (b2), ==, "#RSNA2026");
    g_assert_cmpint (rn_column_get_sort (b2), ==, RN_QUERY_SORT_OLDEST);
    g_assert_true (rn_column_get_notify (b2));
    g_assert_true (rn_column_get_hide_boosts (b2));
    g_assert_true (rn_column_get_hide_replies (b2));
    g_assert_cmpint (rn_column_get_seen_id (b2), ==, 123);
    g_assert_true (g_strv_equal ((const char * const *) accounts, remote));
    g_assert_cmpint (rn_column_get_position (b2), ==, 2);
  }
}

static void
test_remove_undo (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RnColumnStore) columns = rn_column_store_new (f->store, &error);
  g_autoptr(RnColumn) removed = NULL;
  const char *exclude[] = { "other", NULL };
  gint64 id;

  rn_column_store_add (columns, "One", "embolism", RN_QUERY_SORT_NEWEST, FALSE, &error);
  removed = g_object_ref (rn_column_store_add (columns, "Two", "source:Beta", RN_QUERY_SORT_OLDEST, TRUE, &error));
  rn_column_store_add (columns, "Three", "is:unread", RN_QUERY_SORT_NEWEST, FALSE, &error);
  g_assert_no_error (error);
  rn_column_set_exclude_words (removed, exclude);
  id = rn_column_get_id (removed);

  g_assert_true (rn_column_store_remove (columns, removed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (columns)), ==, 2);
  g_assert_null (rn_column_store_find (columns, "Two"));
  g_assert_cmpint (rn_sql_query_int (rn_store_get_reader (f->store),
                                     "SELECT count(*) FROM columns", -1), ==, 2);

  g_assert_true (rn_column_store_restore (columns, removed, 1, &error));
  g_assert_no_error (error);
  g_assert_true (rn_column_store_find (columns, "Two") == removed);
  g_assert_cmpint (rn_column_store_index_of (columns, removed), ==, 1);

  /* And from the table, after reopening. */
  g_clear_object (&columns);
  columns = rn_column_store_new (f->store, &error);
  g_assert_no_error (error);
  {
    RnColumn *two = rn_column_store_find (columns, "Two");

    g_assert_nonnull (two);
    g_assert_cmpint (rn_column_get_id (two), ==, id);
    g_assert_cmpint (rn_column_get_position (two), ==, 1);
    g_assert_cmpint (rn_column_get_sort (two), ==, RN_QUERY_SORT_OLDEST);
    g_assert_true (rn_column_get_notify (two));
    g_assert_true (g_strv_equal (rn_column_get_exclude_words (two), exclude));
  }
}

static void
test_notices (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RnColumnStore) columns = rn_column_store_new (f->store, &error);
  g_autoptr(GPtrArray) notices = NULL;
  g_autoptr(RnParsedFeed) first = rn_parsed_feed_new ();
  g_autoptr(RnParsedFeed) second = rn_parsed_feed_new ();
  RnColumnNotice *notice;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;

  rn_column_store_add (columns, "PE", "embolism", RN_QUERY_SORT_NEWEST, TRUE, &error);
  rn_column_store_add (columns, "Quiet", "embolism", RN_QUERY_SORT_NEWEST, FALSE, &error);
  rn_column_store_add (columns, "Beta", "source:Beta", RN_QUERY_SORT_NEWEST, TRUE, &error);
  g_assert_no_error (error);

  /* Nothing new yet: what was there when notifications were turned on is
   * not announced. */
  notices = rn_column_collect_notices (columns, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (notices->len, ==, 0);
  g_clear_pointer (&notices, g_ptr_array_unref);

  /* A refresh that writes two feeds: five new embolism items in all. */
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *id = g_strdup_printf ("a%u", i);
      g_autofree char *t = g_strdup_printf ("Embolism news %u", i);
      g_ptr_array_add (first->entries, entry (id, t, 2000000 + i));
    }
  g_ptr_array_add (first->entries, entry ("a9", "Unrelated", 2000009));
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *id = g_strdup_printf ("b%u", i);
      g_autofree char *t = g_strdup_printf ("Beta embolism %u", i);
      g_ptr_array_add (second->entries, entry (id, t, 2000100 + i));
    }
  ingest (f, 1, first);
  ingest (f, 2, second);

  notices = rn_column_collect_notices (columns, &error);
  g_assert_no_error (error);
  /* One notice per notifying column with something new, not per item. */
  g_assert_cmpuint (notices->len, ==, 2);
  notice = g_ptr_array_index (notices, 0);
  g_assert_cmpstr (notice->column_name, ==, "PE");
  g_assert_cmpuint (notice->count, ==, 5);
  g_assert_cmpuint (notice->titles->len, ==, RN_COLUMN_NOTICE_TITLES);
  g_assert_cmpstr (g_ptr_array_index (notice->titles, 0), ==, "Beta embolism 1");
  g_assert_cmpstr (g_ptr_array_index (notice->titles, 1), ==, "Beta embolism 0");
  title = rn_column_notice_dup_title (notice);
  g_assert_cmpstr (title, ==, "5 new in PE");
  body = rn_column_notice_dup_body (notice);
  g_assert_true (g_str_has_prefix (body, "Beta embolism 1\nBeta embolism 0\nEmbolism news 2"));
  g_assert_true (g_str_has_suffix (body, "…"));
  notice = g_ptr_array_index (notices, 1);
  g_assert_cmpstr (notice->column_name, ==, "Beta");
  g_assert_cmpuint (notice->count, ==, 2);
  g_clear_pointer (&notices, g_ptr_array_unref);

  /* Announced once: seen_id moved (and was saved). */
  notices = rn_column_collect_notices (columns, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (notices->len, ==, 0);
  g_assert_cmpint (rn_sql_query_int (rn_store_get_reader (f->store),
                                     "SELECT seen_id FROM columns WHERE name = 'PE'", 0), ==,
                   rn_sql_query_int (rn_store_get_reader (f->store), "SELECT max(id) FROM items", 0));
}

static void
on_notices (RnColumnNotifier *notifier,
            GPtrArray        *notices,
            guint            *emissions)
{
  (*emissions)++;
  g_assert_cmpuint (notices->len, ==, 1);
  g_assert_cmpuint (((RnColumnNotice *) g_ptr_array_index (notices, 0))->count, ==, 2);
}

/* The notifier waits for items to stop arriving: two writes, one emission. */
static void
test_notifier (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RnColumnStore) columns = rn_column_store_new (f->store, &error);
  g_autoptr(RnColumnNotifier) notifier = rn_column_notifier_new (columns, 200);
  g_autoptr(RnParsedFeed) a = rn_parsed_feed_new ();
  g_autoptr(RnParsedFeed) b = rn_parsed_feed_new ();
  guint emissions = 0;
  gboolean never = FALSE;

  rn_column_store_add (columns, "PE", "embolism", RN_QUERY_SORT_NEWEST, TRUE, &error);
  g_signal_connect (notifier, "notices", G_CALLBACK (on_notices), &emissions);
  g_ptr_array_add (a->entries, entry ("x1", "Embolism one", 2000000));
  g_ptr_array_add (b->entries, entry ("x2", "Embolism two", 2000001));
  ingest (f, 1, a);
  ingest (f, 2, b);
  g_assert_cmpuint (emissions, ==, 0);
  rn_test_wait_for (&never, 600);
  g_assert_cmpuint (emissions, ==, 1);
}

/* ---- remote search ------------------------------------------------------ */

#define RN_TYPE_FAKE_SEARCH (rn_fake_search_get_type ())
G_DECLARE_FINAL_TYPE (RnFakeSearch, rn_fake_search, RN, FAKE_SEARCH, GObject)

struct _RnFakeSearch
{
  GObject  parent_instance;
  char    *key;
  char    *last_query;
  guint    calls;
};

static const char *
fake_get_key (RnRemoteSearch *search)
{
  return RN_FAKE_SEARCH (search)->key;
}

static void
fake_search_async (RnRemoteSearch      *search,
                   const char          *query_text,
                   GCancellable        *cancellable,
                   GAsyncReadyCallback  callback,
                   gpointer             user_data)
{
  RnFakeSearch *self = RN_FAKE_SEARCH (search);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  RnParsedFeed *parsed = rn_parsed_feed_new ();
  RnParsedEntry *e;

  self->calls++;
  g_free (self->last_query);
  self->last_query = g_strdup (query_text);
  e = entry ("remote-1", "A remote post", 2500000);
  g_ptr_array_add (e->categories, g_strdup ("RSNA2026"));
  g_ptr_array_add (parsed->entries, e);
  e = entry ("remote-2", "Another remote post without the tag", 2500001);
  g_ptr_array_add (parsed->entries, e);
  g_task_return_pointer (task, parsed, (GDestroyNotify) rn_parsed_feed_free);
}

static RnParsedFeed *
fake_search_finish (RnRemoteSearch  *search,
                    GAsyncResult    *result,
                    GError         **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
fake_iface_init (RnRemoteSearchInterface *iface)
{
  iface->get_key = fake_get_key;
  iface->search_async = fake_search_async;
  iface->search_finish = fake_search_finish;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (RnFakeSearch, rn_fake_search, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (RN_TYPE_REMOTE_SEARCH, fake_iface_init))

static void
rn_fake_search_finalize (GObject *object)
{
  RnFakeSearch *self = RN_FAKE_SEARCH (object);

  g_free (self->key);
  g_free (self->last_query);
  G_OBJECT_CLASS (rn_fake_search_parent_class)->finalize (object);
}

static void
rn_fake_search_class_init (RnFakeSearchClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rn_fake_search_finalize;
}

static void
rn_fake_search_init (RnFakeSearch *self)
{
}

static void
on_remote_done (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  gint64 *added = data;
  g_autoptr(GError) error = NULL;

  *added = rn_column_search_remote_finish (RN_COLUMN (source), result, &error);
  g_assert_no_error (error);
}

static void
test_remote (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RnColumnStore) columns = rn_column_store_new (f->store, &error);
  g_autoptr(GPtrArray) searches = g_ptr_array_new_with_free_func (g_object_unref);
  RnFakeSearch *asked = g_object_new (RN_TYPE_FAKE_SEARCH, NULL);
  RnFakeSearch *other = g_object_new (RN_TYPE_FAKE_SEARCH, NULL);
  const char *accounts[] = { "mastodon:1", NULL };
  gint64 added = -2;
  gboolean done = FALSE;
  RnColumn *column;
  gint64 source_id;

  asked->key = g_strdup ("mastodon:1");
  other->key = g_strdup ("bluesky:2");
  g_ptr_array_add (searches, asked);
  g_ptr_array_add (searches, other);
  column = rn_column_store_add (columns, "#RSNA2026", "#RSNA2026", RN_QUERY_SORT_NEWEST, FALSE, &error);
  g_assert_no_error (error);
  rn_column_set_remote_accounts (column, accounts);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (column)), ==, 0);

  rn_column_search_remote_async (column, searches, NULL, on_remote_done, &added);
  while (added == -2)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (added, ==, 2);
  g_assert_cmpuint (asked->calls, ==, 1);
  g_assert_cmpuint (other->calls, ==, 0);   /* not named by the column */
  g_assert_cmpstr (asked->last_query, ==, "#RSNA2026");

  /* The results are items of the hidden source; the query picks one. */
  source_id = rn_column_ensure_remote_source (column, &error);
  g_assert_no_error (error);
  g_assert_cmpint (rn_sql_query_int (rn_store_get_reader (f->store),
                                     "SELECT count(*) FROM feeds WHERE kind = 'remote-search'", 0), ==, 1);
  rn_test_wait_for (&done, 300);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (column)), ==, 1);
  {
    g_autoptr(RnItem) item = g_list_model_get_item (G_LIST_MODEL (column), 0);

    g_assert_cmpstr (rn_item_get_title (item), ==, "A remote post");
    g_assert_cmpint (rn_item_get_feed_id (item), ==, source_id);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add ("/radnet/core/search/column/" path, Fixture, NULL, \
                                  fixture_setup, fn, fixture_teardown)
  ADD ("paging", test_paging);
  ADD ("relevance", test_relevance);
  ADD ("scope", test_scope);
  ADD ("invalid", test_invalid);
  ADD ("incremental", test_incremental);
  ADD ("incremental-partial", test_incremental_partial);
  ADD ("incremental-prefix-new-words", test_incremental_prefix_new_words);
  ADD ("unread-and-state", test_unread_and_state);
  ADD ("persistence", test_persistence);
  ADD ("remove-undo", test_remove_undo);
  ADD ("notices", test_notices);
  ADD ("notifier", test_notifier);
  ADD ("remote", test_remote);
#undef ADD

  return g_test_run ();
}
