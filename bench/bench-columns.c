/* bench-columns: first pages and incremental evaluation of saved-search
 * columns on a library of 1,000,000 items (RADNET_BENCH_ROWS=50k for a
 * quick run), side by side with plain FTS5 queries of the same terms.
 *
 * The library is generated once into $RADNET_BENCH_DATA from the shared
 * corpus generator (../shared/bench/gen_corpus.py rows) and loaded into
 * RadNet's schema in one transaction, in publication order: ids grow with
 * arrival time as they do in a library that has been refreshing for a
 * while. Exit status 77 (skipped) when the generator is missing. */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "search/rn-query.h"
#include "search/rn-query-run.h"
#include "store/rn-sql.h"
#include "store/rn-sql-functions.h"
#include "store/rn-store.h"
#include "store/rn-store-index.h"
#include "store/rn-store-schema.h"
#include "store/rn-store-vocab.h"

/* The corpus' "now": 2025-06-01 12:00 UTC. */
#define NOW G_GINT64_CONSTANT (1748779200)

typedef struct
{
  const char *label;
  const char *query;
  const char *fts;     /* the same terms as a plain FTS5 query, or NULL */
} Column;

static const Column columns[] = {
  { "common 2-term", "protein structure", "protein structure" },
  { "rare 2-term", "baidygene bacachym", "baidygene bacachym" },
  { "phrase", "\"climate adaptation\"", "\"climate adaptation\"" },
  { "prefix", "neur*", "neur*" },
  { "fields", "title:cancer type:article", "title : cancer" },
  { "since:", "glacier since:30d", "glacier" },
  { "FTS OR is:starred", "#RSNA2026 OR glacier OR is:starred", NULL },
  { "NOT", "protein -structure", "protein NOT structure" },
  { "hashtag", "#FOAMrad", NULL },
  { "source: has: is:", "source:\"Feed 17\" has:doi is:unread", NULL },
};

/* Ten more columns for the incremental test. */
static const char *const more_columns[] = {
  "\"pulmonary embolism\" OR CTPA since:30d",
  "author:smith",
  "type:podcast has:enclosure",
  "water -climate",
  "is:starred",
  "cancer OR tumour OR tumor",
  "title:\"deep learning\"",
  "boosts:>=10 type:post",
  "folder:Journals protein",
  "glacier baicrykai",
};

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

/* CPU time of this thread: on a shared machine wall time includes waits
 * for a core; both are reported. */
static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static int
cmp_double (const void *a,
            const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
percentile (double *v,
            int     n,
            double  p)
{
  int k;

  qsort (v, n, sizeof *v, cmp_double);
  k = (int) ceil (p * n) - 1;
  return v[CLAMP (k, 0, n - 1)];
}

static void
die (const char *what,
     GError     *error)
{
  g_printerr ("bench-columns: %s: %s\n", what, error != NULL ? error->message : "failed");
  exit (1);
}

static void
exec_or_die (sqlite3    *db,
             const char *sql)
{
  g_autoptr(GError) error = NULL;

  if (!rn_sql_exec (db, sql, &error))
    die (sql, error);
}

/* Runs the shared generator unless its output is already there. */
static char *
ensure_rows (const char *data_dir,
             const char *generator,
             gboolean    million)
{
  const char *name = million ? "rows1m.db" : "rows50k.db";
  char *path = g_build_filename (data_dir, name, NULL);
  g_autofree char *tmp = g_strconcat (path, ".tmp", NULL);
  g_autoptr(GError) error = NULL;
  int status = 0;
  const char *argv[] = { "python3", generator, "rows", "--out", tmp,
                         million ? "--feeds" : NULL, "20000", NULL };

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return path;
  g_print ("# generating %s (once)…\n", name);
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                     &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    die ("gen_corpus.py", error);
  if (g_rename (tmp, path) != 0)
    die ("rename", NULL);
  return path;
}

/* The store indexes new items after their write (see migration 3): a
 * library loaded by SQL has them all waiting, and a column over it would
 * find no words. Indexed here in chunks, each committed and checkpointed:
 * in one transaction the write-ahead log grew past the page cache and
 * every page read went looking through it (half an hour for 1,000,000
 * items). An interrupted run goes on where it stopped. */
#define INDEX_CHUNK 50000

static void
index_waiting_items (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RnStoreVocab) vocab = NULL;
  sqlite3 *db = NULL;
  gint64 first = 0, last = 0, waiting;
  gboolean more = TRUE;
  double t0 = now_ms ();

  if (sqlite3_open (path, &db) != SQLITE_OK)
    die ("open", NULL);
  if (!rn_sql_functions_register (db, &error))
    die ("functions", error);
  exec_or_die (db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF; "
                   "PRAGMA cache_size = -262144; PRAGMA temp_store = MEMORY");
  if (!rn_store_schema_migrate (db, &error) || !rn_store_index_mend_stats (db, &error))
    die ("schema", error);
  vocab = rn_store_vocab_new (db, &error);
  if (vocab == NULL)
    die ("vocabulary", error);
  waiting = rn_store_index_count_pending (db);
  if (waiting > 0)
    {
      g_print ("# indexing %" G_GINT64_FORMAT " items (once)…\n", waiting);
      while (more)
        {
          exec_or_die (db, "BEGIN");
          if (!rn_store_index_pending (vocab, db, INDEX_CHUNK, G_MAXINT64, &first, &last, &more, &error))
            die ("index", error);
          exec_or_die (db, "COMMIT");
          exec_or_die (db, "PRAGMA wal_checkpoint(TRUNCATE)");
        }
      g_print ("# indexed in %.1f s\n", (now_ms () - t0) / 1000.0);
    }
  g_clear_pointer (&vocab, rn_store_vocab_free);
  sqlite3_close (db);
}

/* Loads the rows into RadNet's schema, in one transaction. */
static char *
ensure_library (const char *data_dir,
                const char *rows,
                gboolean    million)
{
  char *path = g_build_filename (data_dir, million ? "library-1m.db" : "library-50k.db", NULL);
  g_autofree char *tmp = g_strconcat (path, ".tmp", NULL);
  char *attach;
  g_autoptr(GError) error = NULL;
  RnStore *store;
  sqlite3 *db = NULL;
  double t0;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return path;

  g_print ("# loading %s into the RadNet schema (once)…\n", rows);
  g_unlink (tmp);
  store = rn_store_open (tmp, &error);   /* creates the schema */
  if (store == NULL)
    die ("rn_store_open", error);
  g_object_unref (store);

  t0 = now_ms ();
  if (sqlite3_open (tmp, &db) != SQLITE_OK)
    die ("open", NULL);
  /* The full-text index follows items through triggers that call these. */
  if (!rn_sql_functions_register (db, &error))
    die ("functions", error);
  exec_or_die (db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF; "
                   "PRAGMA cache_size = -262144; PRAGMA temp_store = MEMORY");
  attach = sqlite3_mprintf ("ATTACH %Q AS src", rows);
  exec_or_die (db, attach);
  sqlite3_free (attach);   /* sqlite3_mprintf memory: not g_free */
  exec_or_die (db, "BEGIN");
  exec_or_die (db,
    "INSERT INTO folders (id, title) VALUES (1, 'Journals'), (2, 'Social');"
    /* feed 17 is a journal with DOIs; every tenth feed is a social
     * timeline, every seventh a podcast. */
    "INSERT INTO feeds (id, kind, folder_id, url, title, added) "
    "  SELECT feed + 1, CASE WHEN feed % 10 = 3 THEN 'mastodon' ELSE 'feed' END,"
    "         CASE WHEN feed % 10 = 3 THEN 2 WHEN feed % 4 = 1 THEN 1 END,"
    "         'https://feed' || feed || '.example.org/rss', 'Feed ' || (feed + 1), 0"
    "  FROM (SELECT DISTINCT feed FROM src.items);"
    /* New ids in publication order. */
    "CREATE TEMP TABLE ord AS SELECT rowid AS src FROM src.items ORDER BY published, rowid;"
    "INSERT INTO items (id, feed_id, guid, type, title, link, author, published, first_seen,"
    "                   sort_date, summary, content, doi, has_image, read, starred, is_boost, is_reply,"
    "                   boosts, replies, favourites, lang)"
    "  SELECT o.rowid, s.feed + 1, s.guid,"
    "         CASE WHEN s.feed % 10 = 3 THEN 'post' WHEN s.feed % 7 = 2 THEN 'podcast' ELSE 'article' END,"
    "         s.title, s.link, s.author, s.published, s.published, s.published, s.summary, s.body,"
    "         CASE WHEN s.feed % 3 = 1 THEN '10.5555/' || o.rowid END,"
    "         o.rowid % 5 = 0, o.rowid % 3 = 0, o.rowid % 997 = 0,"
    "         s.feed % 10 = 3 AND o.rowid % 6 = 0, s.feed % 10 = 3 AND o.rowid % 4 = 0,"
    "         CASE WHEN s.feed % 10 = 3 THEN o.rowid % 40 END,"
    "         CASE WHEN s.feed % 10 = 3 THEN o.rowid % 9 END,"
    "         CASE WHEN s.feed % 10 = 3 THEN o.rowid % 60 END, 'en'"
    "  FROM temp.ord AS o JOIN src.items AS s ON s.rowid = o.src ORDER BY o.rowid;"
    "INSERT INTO item_tags (item_id, tag)"
    "  SELECT id, 'RSNA2026' FROM items WHERE type = 'post' AND id % 13 = 0"
    "  UNION ALL SELECT id, 'FOAMrad' FROM items WHERE type = 'post' AND id % 7 = 0;"
    "INSERT INTO enclosures (item_id, url, type, length)"
    "  SELECT id, 'https://media.example.org/' || id || '.mp3', 'audio/mpeg', 1000 FROM items WHERE type = 'podcast';"
    "INSERT INTO saved (item_id, saved_at, changed) SELECT id, 0, 0 FROM items WHERE id % 1009 = 0;");
  exec_or_die (db, "COMMIT");
  exec_or_die (db, "DETACH src");
  /* What the store's PRAGMA optimize leaves behind in a used library.
   * Taken while the index is empty: index_waiting_items() mends the
   * index's figure, as the store does when it opens a library. */
  exec_or_die (db, "ANALYZE");
  exec_or_die (db, "PRAGMA wal_checkpoint(TRUNCATE)");
  sqlite3_close (db);
  g_print ("# loaded in %.1f s\n", (now_ms () - t0) / 1000.0);
  if (g_rename (tmp, path) != 0)
    die ("rename", NULL);
  g_autofree char *wal = g_strconcat (tmp, "-wal", NULL);
  g_autofree char *shm = g_strconcat (tmp, "-shm", NULL);
  g_unlink (wal);
  g_unlink (shm);
  return path;
}

/* As a column compiles: word prefixes spelled as the words of @db. */
static RnQuerySql *
compile (sqlite3    *db,
         const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RnQuery) query = rn_query_parse (text, &error);
  RnQuerySql *sql;

  if (query == NULL)
    die (text, error);
  sql = rn_query_compile_for (query, NULL, NOW, db, &error);
  if (sql == NULL)
    die (text, error);
  return sql;
}

static double
time_page (RnQuerySql *sql,
           sqlite3    *db,
           guint      *hits,
           double     *cpu)
{
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (RnQueryKey));
  g_autoptr(GError) error = NULL;
  double t0 = now_ms ();
  double c0 = cpu_ms ();

  if (!rn_query_fetch_page (sql, db, RN_QUERY_SORT_NEWEST, NULL, 50, keys, NULL, &error))
    die ("fetch_page", error);
  *hits = keys->len;
  *cpu = cpu_ms () - c0;
  return now_ms () - t0;
}

static double
time_fts (sqlite3    *db,
          const char *sql_text,
          const char *match)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = rn_sql_prepare (db, sql_text, &error);
  double t0 = cpu_ms ();

  if (stmt == NULL)
    die (sql_text, error);
  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    ;
  return cpu_ms () - t0;
}

int
main (int argc, char *argv[])
{
  const char *shared = g_getenv ("RADNET_SHARED_DIR");
  const char *data_dir = g_getenv ("RADNET_BENCH_DATA");
  const char *rows_env = g_getenv ("RADNET_BENCH_ROWS");
  gboolean million = rows_env == NULL || g_strcmp0 (rows_env, "50k") != 0;
  int runs = million ? 15 : 40;
  g_autofree char *generator = NULL;
  g_autofree char *rows = NULL;
  g_autofree char *library = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RnStore) store = NULL;
  RnQuerySql *sqls[G_N_ELEMENTS (columns) + G_N_ELEMENTS (more_columns)];
  gint64 max_id;
  sqlite3 *db;

  g_setenv ("TZ", "UTC", TRUE);
  if (shared == NULL || data_dir == NULL)
    {
      g_print ("1..0 # SKIP RADNET_SHARED_DIR / RADNET_BENCH_DATA not set\n");
      return 77;
    }
  generator = g_build_filename (shared, "bench", "gen_corpus.py", NULL);
  if (!g_file_test (generator, G_FILE_TEST_EXISTS))
    {
      g_print ("# SKIP: %s is missing\n", generator);
      return 77;
    }
  g_mkdir_with_parents (data_dir, 0755);
  rows = ensure_rows (data_dir, generator, million);
  library = ensure_library (data_dir, rows, million);
  index_waiting_items (library);

  store = rn_store_open (library, &error);
  if (store == NULL)
    die ("rn_store_open", error);
  db = rn_store_open_reader (store, &error);
  if (db == NULL)
    die ("reader", error);
  max_id = rn_sql_query_int (db, "SELECT max(id) FROM items", 0);

  /* A library indexed before the store listed its words has them listed
   * once, in the background; prefixes are spelled out after that. */
  if (!rn_store_vocab_complete (db))
    {
      double t0 = now_ms ();

      g_print ("# listing the words of the index (once)…\n");
      while (!rn_store_vocab_complete (db))
        g_main_context_iteration (NULL, TRUE);
      g_print ("# listed in %.1f s\n", (now_ms () - t0) / 1000.0);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (columns); i++)
    sqls[i] = compile (db, columns[i].query);
  for (gsize i = 0; i < G_N_ELEMENTS (more_columns); i++)
    sqls[G_N_ELEMENTS (columns) + i] = compile (db, more_columns[i]);

  g_print ("# bench-columns: %" G_GINT64_FORMAT " items, first page of 50 newest, %d runs each (warm cache), ms\n",
           max_id, runs);
  g_print ("# wall: elapsed ms; cpu: this thread's CPU ms (the floor columns are CPU ms too)\n");
  g_print ("%-20s %-40s %5s | %8s %8s %8s %8s | %12s %12s\n", "column", "query", "rows",
           "wall p50", "wall p95", "cpu p50", "cpu p95", "fts rank p50", "fts new p50");

  for (gsize i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      double ours[64], cpu[64], rank[64], newest[64];
      guint hits = 0;

      time_page (sqls[i], db, &hits, &cpu[0]);   /* warm-up */
      for (int r = 0; r < runs; r++)
        {
          ours[r] = time_page (sqls[i], db, &hits, &cpu[r]);
          if (columns[i].fts != NULL)
            {
              rank[r] = time_fts (db, "SELECT rowid FROM items_fts WHERE items_fts MATCH ? "
                                      "ORDER BY rank LIMIT 50", columns[i].fts);
              newest[r] = time_fts (db, "SELECT i.id FROM items_fts AS f JOIN items AS i ON i.id = f.rowid "
                                        "WHERE items_fts MATCH ? ORDER BY i.sort_date DESC, i.id DESC LIMIT 50",
                                    columns[i].fts);
            }
        }
      /* The common pair matches a quarter of the library: fewer than a
       * page means the library has no full-text index. */
      if (i == 0 && hits < 50)
        {
          g_printerr ("“%s” found %u rows: the library's full-text index is empty\n", columns[i].query, hits);
          return 1;
        }
      g_print ("%-20s %-40s %5u | %8.2f %8.2f %8.2f %8.2f | ", columns[i].label, columns[i].query, hits,
               percentile (ours, runs, 0.5), percentile (ours, runs, 0.95),
               percentile (cpu, runs, 0.5), percentile (cpu, runs, 0.95));
      if (columns[i].fts != NULL)
        g_print ("%12.2f %12.2f\n", percentile (rank, runs, 0.5), percentile (newest, runs, 0.5));
      else
        g_print ("%12s %12s\n", "-", "-");
    }

  /* Incremental: the 1,000 newest ids against all 20 columns. A column
   * with a word prefix compiles again first (new words may have come),
   * which is counted. */
  {
    double totals[64], cpus[64];
    guint matched = 0;

    for (int r = 0; r <= runs; r++)
      {
        double t0 = now_ms ();
        double c0 = cpu_ms ();

        matched = 0;
        for (gsize i = 0; i < G_N_ELEMENTS (sqls); i++)
          {
            g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

            if (rn_query_sql_has_prefix (sqls[i]))
              {
                rn_query_sql_free (sqls[i]);
                sqls[i] = compile (db, i < G_N_ELEMENTS (columns) ? columns[i].query
                                                               : more_columns[i - G_N_ELEMENTS (columns)]);
              }
            if (!rn_query_match_ids (sqls[i], db, max_id - 999, max_id, ids, NULL, &error))
              die ("match_ids", error);
            matched += ids->len;
          }
        if (r > 0)
          {
            totals[r - 1] = now_ms () - t0;
            cpus[r - 1] = cpu_ms () - c0;
          }
      }
    g_print ("%-20s %-40s %5u | %8.2f %8.2f %8.2f %8.2f | %12s %12s\n", "incremental",
             "1,000 new items x 20 columns", matched,
             percentile (totals, runs, 0.5), percentile (totals, runs, 0.95),
             percentile (cpus, runs, 0.5), percentile (cpus, runs, 0.95), "-", "-");

    /* Where the incremental time goes, per column (CPU, p50 of 5 runs). */
    g_print ("# incremental per column, CPU ms (p50 of 5):\n");
    for (gsize i = 0; i < G_N_ELEMENTS (sqls); i++)
      {
        double t[5];

        for (int r = 0; r < 5; r++)
          {
            g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
            double t0 = cpu_ms ();

            if (!rn_query_match_ids (sqls[i], db, max_id - 999, max_id, ids, NULL, &error))
              die ("match_ids", error);
            t[r] = cpu_ms () - t0;
          }
        g_print ("#   %-45s %7.2f\n",
                 i < G_N_ELEMENTS (columns) ? columns[i].query : more_columns[i - G_N_ELEMENTS (columns)],
                 percentile (t, 5, 0.5));
      }
  }

  for (gsize i = 0; i < G_N_ELEMENTS (sqls); i++)
    rn_query_sql_free (sqls[i]);
  sqlite3_close (db);
  return 0;
}
