/* Compiling and running queries on a small fixture library
 * (tests/data/search/library.sql): exact id sets, keyset paging in every
 * plan, relevance, incremental evaluation and counting. */
#include "config.h"

#include <string.h>

#include "rn-test-util.h"
#include "search/rn-query.h"
#include "search/rn-query-private.h"
#include "search/rn-query-run.h"
#include "store/rn-sql.h"
#include "store/rn-store.h"

#define NOW G_GINT64_CONSTANT (1767225600)   /* 2026-01-01 00:00 UTC */
#define MAX_ID 30

static RnStore *store;
static char *store_dir;

static gboolean
load_fixture (RnStore  *s,
              sqlite3  *db,
              gpointer  user_data,
              GError  **error)
{
  return rn_sql_exec (db, user_data, error);
}

static void
open_fixture (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) sql = rn_test_load_data ("search", "library.sql", NULL);
  g_autofree char *text = g_strndup (g_bytes_get_data (sql, NULL), g_bytes_get_size (sql));
  g_autofree char *path = NULL;

  store_dir = rn_test_mkdtemp ();
  path = g_build_filename (store_dir, "library.db", NULL);
  store = rn_store_open (path, &error);
  g_assert_no_error (error);
  rn_store_write (store, load_fixture, text, &error);
  g_assert_no_error (error);
}

/* "1-3,6" → "1,2,3,6" */
static char *
expand (const char *spec)
{
  g_auto(GStrv) parts = g_strsplit (spec, ",", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      gint64 lo, hi;
      char *dash;

      if (parts[i][0] == '\0')
        continue;
      dash = strchr (parts[i], '-');
      lo = g_ascii_strtoll (parts[i], NULL, 10);
      hi = dash != NULL ? g_ascii_strtoll (dash + 1, NULL, 10) : lo;
      for (gint64 id = lo; id <= hi; id++)
        g_string_append_printf (out, "%s%" G_GINT64_FORMAT, out->len > 0 ? "," : "", id);
    }
  return g_string_free (out, FALSE);
}

static int
cmp_int64 (gconstpointer a,
           gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static char *
ids_to_string (GArray *ids)
{
  GString *out = g_string_new (NULL);

  g_array_sort (ids, cmp_int64);
  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (out, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "",
                            g_array_index (ids, gint64, i));
  return g_string_free (out, FALSE);
}

static RnQuerySql *
compile (const char            *text,
         const RnColumnFilters *filters)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RnQuery) query = NULL;
  RnQuerySql *sql;

  if (text != NULL)
    {
      query = rn_query_parse (text, &error);
      g_assert_no_error (error);
    }
  sql = rn_query_compile (query, filters, NOW, &error);
  g_assert_no_error (error);
  return sql;
}

static gboolean
key_before (const RnQueryKey *a,
            const RnQueryKey *b,
            RnQuerySort       sort)
{
  if (sort == RN_QUERY_SORT_OLDEST)
    return a->sort_date < b->sort_date || (a->sort_date == b->sort_date && a->id < b->id);
  /* Relevance without any full-text part falls back to newest first. */
  if (sort == RN_QUERY_SORT_NEWEST || (a->rank == 0.0 && b->rank == 0.0))
    return a->sort_date > b->sort_date || (a->sort_date == b->sort_date && a->id > b->id);
  return a->rank < b->rank || (a->rank == b->rank && a->id > b->id);
}

/* Pages through the whole result: checks order and no duplicates, returns
 * the ids. */
static GArray *
fetch_all (RnQuerySql  *sql,
           RnQuerySort  sort,
           guint        page)
{
  sqlite3 *db = rn_store_get_reader (store);
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (RnQueryKey));
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint round = 0; round < 100; round++)
    {
      g_autoptr(GError) error = NULL;
      guint before = keys->len;
      RnQueryKey after = { 0 };

      if (before > 0)
        after = g_array_index (keys, RnQueryKey, before - 1);
      g_assert_true (rn_query_fetch_page (sql, db, sort, before > 0 ? &after : NULL, page,
                                          keys, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (keys->len - before, <=, page);
      if (keys->len - before < page)
        break;
    }

  for (guint i = 0; i < keys->len; i++)
    {
      RnQueryKey *key = &g_array_index (keys, RnQueryKey, i);

      g_assert_false (g_hash_table_contains (seen, &key->id));
      g_hash_table_add (seen, &key->id);
      if (i > 0)
        g_assert_true (key_before (&g_array_index (keys, RnQueryKey, i - 1), key, sort));
      g_array_append_val (ids, key->id);
    }
  return ids;
}

/* Checks every evaluation path against @expected. */
static void
check_query (const char            *text,
             const RnColumnFilters *filters,
             const char            *expected_spec)
{
  g_autoptr(RnQuerySql) sql = compile (text, filters);
  g_autofree char *expected = expand (expected_spec);
  sqlite3 *db = rn_store_get_reader (store);
  g_autoptr(GError) error = NULL;
  gint64 count = -1;

  g_test_message ("query: %s → %s", text != NULL ? text : "(none)", expected);

  for (RnQuerySort sort = RN_QUERY_SORT_NEWEST; sort <= RN_QUERY_SORT_RELEVANCE; sort++)
    for (guint page = 1; page <= 50; page += 6)
      {
        g_autoptr(GArray) ids = fetch_all (sql, sort, page);
        g_autofree char *got = ids_to_string (ids);

        g_assert_cmpstr (got, ==, expected);
      }

  /* Incremental: any id range gives the full result restricted to it. */
  for (gint64 lo = 1; lo <= MAX_ID; lo += 4)
    for (gint64 hi = lo; hi <= MAX_ID + 2; hi += 7)
      {
        g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
        g_autoptr(GArray) want = g_array_new (FALSE, FALSE, sizeof (gint64));
        g_auto(GStrv) all = g_strsplit (expected, ",", -1);
        g_autofree char *got = NULL;
        g_autofree char *want_text = NULL;

        for (guint i = 0; all[i] != NULL && all[i][0] != '\0'; i++)
          {
            gint64 id = g_ascii_strtoll (all[i], NULL, 10);

            if (id >= lo && id <= hi)
              g_array_append_val (want, id);
          }
        g_assert_true (rn_query_match_ids (sql, db, lo, hi, ids, NULL, &error));
        g_assert_no_error (error);
        got = ids_to_string (ids);
        want_text = ids_to_string (want);
        g_assert_cmpstr (got, ==, want_text);
      }

  g_assert_true (rn_query_count (sql, db, 0, &count, NULL, &error));
  g_assert_no_error (error);
  {
    g_auto(GStrv) all = g_strsplit (expected, ",", -1);

    g_assert_cmpint (count, ==, expected[0] == '\0' ? 0 : (gint64) g_strv_length (all));
  }
}

typedef struct
{
  const char *query;
  const char *expected;
} RunCase;

static const RunCase run_cases[] = {
  { "embolism", "1,3,6" },
  { "\"pulmonary embolism\"", "1,6" },
  { "zurich", "2" },
  { "ZÜRICH", "2" },
  { "muller", "2" },
  { "author:muller", "2" },
  { "title:muller", "" },
  { "author:radiopaedia", "4,5" },
  { "author:radiopaedia type:case", "5" },
  { "embol*", "1,3,6" },
  { "title:embol*", "1,3" },
  { "\"pulmonary emb\"*", "1,6" },
  { "CTPA", "1,4" },
  { "\"pulmonary embolism\" OR CTPA since:30d", "1,4,6" },
  { "embolism -pediatric", "1,6" },
  { "embolism NOT pediatric", "1,6" },
  { "-embolism", "2,4,5,7-30" },
  { "NOT embolism type:article", "2,4,9-30" },
  { "NOT (embolism OR is:starred)", "4,5,7-30" },
  { "(embolism OR nodules) is:unread", "1,3,6" },
  { "(embolism OR is:starred) -source:radiology", "3,6" },
  { "embolism OR -batch", "1-10" },
  { "-batch -embolism", "2,4,5,7-10" },
  { "#RSNA2026", "5,6" },
  { "#rsna2026 OR is:starred", "2,5,6" },
  { "tag:zürich", "7" },
  { "tag:ZÜRICH", "7" },
  { "tag:toread-zürich", "8" },
  { "source:radiology", "1,2,11-30" },
  { "source:RADIOLOGY", "1,2,11-30" },
  { "source:*radiology", "1-3,9-30" },
  { "source:\"zurcher rontgen\"", "4" },
  { "source:\"Some Blog\"", "" },
  { "feed:radio*", "1,2,11-30" },
  { "folder:journals", "1-3,9-30" },
  { "folder:social", "5-8" },
  { "folder:hashtags", "8" },
  { "has:doi", "1,2" },
  { "has:image", "4" },
  { "has:enclosure", "8" },
  { "is:unread", "1,3-30" },
  { "is:read", "2" },
  { "is:saved", "8" },
  { "is:starred", "2" },
  { "is:boost", "6" },
  { "is:reply", "7" },
  { "type:post", "6,7" },
  { "type:podcast OR type:case", "5,8" },
  { "since:7d", "1,2,4-7" },
  { "since:1y", "1-7,9-30" },
  { "since:2w -type:post", "1,2,4,5,9,10" },
  { "before:2025-01-01", "8" },
  { "since:2025-12-30", "1,2,5" },
  { "since:48h", "1,2,5" },
  { "lang:en", "1,3,5" },
  { "lang:de", "2" },
  { "lang:de-ch", "2" },
  { "boosts:>=10", "5" },
  { "boosts:>2", "5" },
  { "boosts:2", "5,6" },
  { "replies:>=3", "5,7" },
  { "favs:>9", "5" },
  { "favs:<=9", "6,7" },
  { "favs:=9", "7" },
  { "-boosts:>=10", "1-4,6-30" },
  { "\"NEAR(title: x)\"", "8" },
  { "NEAR", "8" },
  { "^weird", "8" },
  { "\"quoted\" text", "8" },
  { "CO₂", "7" },
  { "R&D", "7" },
  { "'; DROP TABLE items; --", "" },
  { "batch", "11-30" },
  { "batch OR type:article", "1-4,9-30" },
  { "twin OR batch", "9-30" },
};

static void
test_run_case (gconstpointer data)
{
  const RunCase *c = data;

  check_query (c->query, NULL, c->expected);
}

static void
test_filters (void)
{
  const char *embolism[] = { "embolism", NULL };
  const char *authors[] = { "muller", "Ávila", NULL };
  const char *nobody[] = { "&", NULL };
  RnColumnFilters exclude = { .exclude_words = embolism };
  RnColumnFilters by_author = { .authors = authors };
  RnColumnFilters by_nobody = { .authors = nobody };
  RnColumnFilters media = { .media_only = TRUE };
  RnColumnFilters quiet = { .hide_boosts = TRUE, .hide_replies = TRUE };
  RnColumnFilters no_boosts = { .hide_boosts = TRUE };

  check_query ("source:*radiology", &exclude, "2,9-30");
  check_query ("-twin", &exclude, "2,4,5,7,8,11-30");
  check_query (NULL, &by_author, "2,3");
  check_query ("embolism", &by_author, "3");
  check_query (NULL, &by_nobody, "1-30");
  check_query (NULL, &media, "4,8");
  check_query ("type:post", &quiet, "");
  check_query ("#rsna2026", &no_boosts, "5");
  check_query (NULL, NULL, "1-30");
}

/* The first page from the newest ids, in windows of two ids and up, on
 * every case of the table: where an older item is dated later the window
 * does not decide, and the result is the same either way. */
static void
test_recent_windows (void)
{
  rn_query_run_set_recent (2);
  for (gsize i = 0; i < G_N_ELEMENTS (run_cases); i++)
    check_query (run_cases[i].query, NULL, run_cases[i].expected);
  rn_query_run_set_recent (-1);
}

static gboolean
exec_sql (RnStore  *s,
          sqlite3  *db,
          gpointer  data,
          GError  **error)
{
  return rn_sql_exec (db, data, error);
}

static char *
first_page (RnStore    *s,
            const char *text,
            guint       limit)
{
  g_autoptr(RnQuerySql) sql = compile (text, NULL);
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (RnQueryKey));
  g_autoptr(GError) error = NULL;
  GString *out = g_string_new (NULL);

  g_assert_true (rn_query_fetch_page (sql, rn_store_get_reader (s), RN_QUERY_SORT_NEWEST, NULL, limit,
                                      keys, NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < keys->len; i++)
    g_string_append_printf (out, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", g_array_index (keys, RnQueryKey, i).id);
  return g_string_free (out, FALSE);
}

/* Dates that follow the ids, as when items arrive as they are published:
 * the newest ids decide a first page. An old item dated later than all
 * (a feed that dates its entries in the future) must still come first. */
static void
test_recent_dated_later (void)
{
  g_autofree char *dir = rn_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  g_autoptr(RnStore) s = rn_store_open (path, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *page = NULL;
  g_autofree char *later = NULL;

  g_assert_nonnull (s);
  g_assert_true (rn_store_write (s, exec_sql,
    "INSERT INTO feeds (id, url, added) VALUES (1, 'https://a.example/', 0);"
    "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 200)"
    " INSERT INTO items (feed_id, guid, first_seen, sort_date, title)"
    " SELECT 1, 'g' || x, 0, 1000 + x, CASE WHEN x % 3 = 0 THEN 'alpha ' || x ELSE 'beta ' || x END FROM n;",
    &error));
  g_assert_no_error (error);

  rn_query_run_set_recent (4);
  page = first_page (s, "alpha", 5);
  g_assert_cmpstr (page, ==, "198,195,192,189,186");
  g_assert_true (rn_store_write (s, exec_sql, "UPDATE items SET sort_date = 999999 WHERE id = 3", &error));
  g_assert_no_error (error);
  later = first_page (s, "alpha", 5);
  g_assert_cmpstr (later, ==, "3,198,195,192,189");
  rn_query_run_set_recent (-1);

  g_clear_object (&s);
  rn_test_rmdir (dir);
}

/* The same over several blocks of ids, with the default windows: the
 * blocks' latest dates decide the page when no older item is dated after
 * it, and an old item re-dated later than all must raise its block's, or
 * the page would leave it out. */
static void
test_recent_blocks (void)
{
  g_autofree char *dir = rn_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  g_autoptr(RnStore) s = rn_store_open (path, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *page = NULL;
  g_autofree char *later = NULL;
  g_autofree char *earlier = NULL;

  g_assert_nonnull (s);
  g_assert_true (rn_store_write (s, exec_sql,
    "INSERT INTO feeds (id, url, added) VALUES (1, 'https://a.example/', 0);"
    "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 20000)"
    " INSERT INTO items (feed_id, guid, first_seen, sort_date, title)"
    " SELECT 1, 'g' || x, 0, 1000 + x, CASE WHEN x % 3 = 0 THEN 'alpha ' || x ELSE 'beta ' || x END FROM n;",
    &error));
  g_assert_no_error (error);

  page = first_page (s, "alpha", 5);
  g_assert_cmpstr (page, ==, "19998,19995,19992,19989,19986");
  g_assert_true (rn_store_write (s, exec_sql, "UPDATE items SET sort_date = 999999 WHERE id = 3", &error));
  g_assert_no_error (error);
  later = first_page (s, "alpha", 5);
  g_assert_cmpstr (later, ==, "3,19998,19995,19992,19989");
  /* Dated back: its block keeps the later date, the sort index decides. */
  g_assert_true (rn_store_write (s, exec_sql, "UPDATE items SET sort_date = 1 WHERE id = 3", &error));
  g_assert_no_error (error);
  earlier = first_page (s, "alpha", 5);
  g_assert_cmpstr (earlier, ==, "19998,19995,19992,19989,19986");

  g_clear_object (&s);
  rn_test_rmdir (dir);
}

/* Forces the windowed plan with tiny windows, and the driver plan off, so
 * that paging across many windows is exercised on the small fixture. */
static void
test_windows (void)
{
  rn_query_run_set_tuning (0, 2);
  check_query ("embolism", NULL, "1,3,6");
  check_query ("batch", NULL, "11-30");
  check_query ("twin OR batch", NULL, "9-30");
  check_query ("-batch", NULL, "1-10");
  check_query ("batch OR is:starred", NULL, "2,11-30");
  /* A "common" tag (more than the cap) walks the dates too. */
  check_query ("#rsna2026", NULL, "5,6");
  check_query ("#rsna2026 -is:boost", NULL, "5");
  check_query ("tag:toread-zürich", NULL, "8");
  rn_query_run_set_tuning (-1, -1);
}

static void
test_relevance_order (void)
{
  g_autoptr(RnQuerySql) sql = compile ("embolism", NULL);
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (RnQueryKey));
  g_autoptr(GError) error = NULL;

  g_assert_true (rn_query_fetch_page (sql, rn_store_get_reader (store), RN_QUERY_SORT_RELEVANCE,
                                      NULL, 10, keys, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (keys->len, ==, 3);
  /* Title hits weigh more than body hits: the post (6) comes last. */
  g_assert_cmpint (g_array_index (keys, RnQueryKey, 2).id, ==, 6);
  g_assert_cmpfloat (g_array_index (keys, RnQueryKey, 0).rank, <=, g_array_index (keys, RnQueryKey, 1).rank);
}

static void
test_count_cap (void)
{
  g_autoptr(RnQuerySql) sql = compile ("batch", NULL);
  g_autoptr(GError) error = NULL;
  gint64 count = 0;

  g_assert_true (rn_query_count (sql, rn_store_get_reader (store), 5, &count, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count, ==, 5);
}

static void
test_cancel (void)
{
  g_autoptr(RnQuerySql) sql = compile ("is:unread", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (RnQueryKey));
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  /* A statement this small may finish before the progress handler runs;
   * either it completes or it reports cancellation, never another error. */
  if (!rn_query_fetch_page (sql, rn_store_get_reader (store), RN_QUERY_SORT_NEWEST,
                            NULL, 50, keys, cancellable, &error))
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* The windowed statement walks the items_sort index and the incremental
 * one the rowid range: check the plans SQLite picks. */
static void
test_plans (void)
{
  sqlite3 *db = rn_store_get_reader (store);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GString) plan = g_string_new (NULL);

  stmt = rn_sql_prepare (db, "EXPLAIN QUERY PLAN SELECT i.id, i.sort_date FROM items AS i "
                             "WHERE (i.sort_date, i.id) < (?, ?) AND (i.sort_date, i.id) >= (?, ?) "
                             "AND +i.id IN (SELECT rowid FROM items_fts WHERE items_fts MATCH ? "
                             "AND rowid BETWEEN ? AND ?) ORDER BY i.sort_date DESC, i.id DESC LIMIT 50",
                         NULL);
  g_assert_nonnull (stmt);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (plan, "%s\n", sqlite3_column_text (stmt, 3));
  g_test_message ("%s", plan->str);
  g_assert_nonnull (strstr (plan->str, "items_sort"));
  g_assert_null (strstr (plan->str, "TEMP B-TREE FOR ORDER BY"));
}

int
main (int argc, char *argv[])
{
  int rc;

  /* Calendar dates in queries are local midnight; pin the zone. */
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);
  open_fixture ();

  for (gsize i = 0; i < G_N_ELEMENTS (run_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/radnet/core/search/run/query/%02" G_GSIZE_FORMAT, i);

      g_test_add_data_func (path, &run_cases[i], test_run_case);
    }
  g_test_add_func ("/radnet/core/search/run/filters", test_filters);
  g_test_add_func ("/radnet/core/search/run/windows", test_windows);
  g_test_add_func ("/radnet/core/search/run/recent-windows", test_recent_windows);
  g_test_add_func ("/radnet/core/search/run/recent-dated-later", test_recent_dated_later);
  g_test_add_func ("/radnet/core/search/run/recent-blocks", test_recent_blocks);
  g_test_add_func ("/radnet/core/search/run/relevance-order", test_relevance_order);
  g_test_add_func ("/radnet/core/search/run/count-cap", test_count_cap);
  g_test_add_func ("/radnet/core/search/run/cancel", test_cancel);
  g_test_add_func ("/radnet/core/search/run/plans", test_plans);

  rc = g_test_run ();
  g_clear_object (&store);
  rn_test_rmdir (store_dir);
  g_free (store_dir);
  return rc;
}
