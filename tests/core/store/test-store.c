/* Opening, migrating and protecting the library. */
#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

#include "rn-test-util.h"
#include "store/rn-sql.h"
#include "store/rn-store.h"
#include "store/rn-store-index.h"
#include "store/rn-store-schema.h"

static void
test_create (void)
{
  g_autofree char *dir = rn_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "sub", "library.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RnStore) store = rn_store_open (path, &error);
  sqlite3 *db;

  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpint (rn_store_get_schema_version (store), ==, rn_store_schema_latest_version ());
  db = rn_store_get_reader (store);
  g_assert_cmpint (rn_sql_query_int (db, "PRAGMA foreign_keys", 0), ==, 1);
  g_assert_cmpint (rn_sql_query_int (db, "SELECT count(*) FROM sqlite_schema WHERE name = 'items_fts'", 0), ==, 1);
  g_assert_cmpint (rn_sql_query_int (db, "SELECT sqlite_compileoption_used('ENABLE_FTS5')", 0), ==, 1);
  {
    g_autoptr(sqlite3_stmt) stmt = rn_sql_prepare (db, "PRAGMA journal_mode", &error);
    g_assert_no_error (error);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "wal");
  }
  g_clear_object (&store);
  rn_test_rmdir (dir);
}

static void
test_reopen_keeps_data (void)
{
  g_autofree char *dir = rn_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RnStore) store = rn_store_open (path, &error);
  g_autofree char *value = NULL;

  g_assert_no_error (error);
  rn_store_set_meta (store, "greeting", "grüß dich", &error);
  g_assert_no_error (error);
  g_clear_object (&store);

  store = rn_store_open (path, &error);
  g_assert_no_error (error);
  value = rn_store_get_meta (store, "greeting");
  g_assert_cmpstr (value, ==, "grüß dich");
  g_clear_object (&store);
  rn_test_rmdir (dir);
}

static void
test_corrupt_untouched (void)
{
  g_autofree char *dir = rn_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  const char garbage[] = "this is not a database, but the user's file: keep it";
  g_autoptr(GError) error = NULL;
  g_autoptr(RnStore) store = NULL;
  g_autofree char *after = NULL;
  gsize after_len = 0;

  g_file_set_contents (path, garbage, sizeof garbage, &error);
  g_assert_no_error (error);

  store = rn_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, RN_STORE_ERROR, RN_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "untouched"));

  g_file_get_contents (path, &after, &after_len, NULL);
  g_assert_cmpmem (after, after_len, garbage, sizeof garbage);
  rn_test_rmdir (dir);
}

static void
test_damaged_database_untouched (void)
{
  g_autofree char *dir = rn_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RnStore) store = rn_store_open (path, &error);
  g_autofree char *before = NULL, *after = NULL;
  gsize before_len = 0, after_len = 0;

  g_assert_no_error (error);
  g_clear_object (&store);

  /* Keep the header, wreck the schema page. */
  g_file_get_contents (path, &before, &before_len, NULL);
  g_assert_cmpuint (before_len, >, 200);
  memset (before + 100, 0xAB, MIN (before_len - 100, 3000));
  g_file_set_contents (path, before, before_len, &error);
  g_assert_no_error (error);

  store = rn_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, RN_STORE_ERROR, RN_STORE_ERROR_CORRUPT);

  g_file_get_contents (path, &after, &after_len, NULL);
  g_assert_cmpmem (after, after_len, before, before_len);
  rn_test_rmdir (dir);
}

static void
test_newer_schema_refused (void)
{
  g_autofree char *dir = rn_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d",
                                          rn_store_schema_latest_version () + 5);
  g_autoptr(RnStore) store = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE future (x)", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = rn_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, RN_STORE_ERROR, RN_STORE_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "newer"));
  rn_test_rmdir (dir);
}

static void
test_read_only_folder (void)
{
  g_autofree char *dir = rn_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RnStore) store = NULL;

  if (getuid () == 0)
    {
      /* root writes anywhere; use a folder below a regular file instead. */
      g_autofree char *file = g_build_filename (dir, "file", NULL);
      g_file_set_contents (file, "x", 1, NULL);
      g_free (path);
      path = g_build_filename (file, "radnet", "library.db", NULL);
    }
  else
    g_chmod (dir, 0500);

  store = rn_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, RN_STORE_ERROR, RN_STORE_ERROR_READ_ONLY);
  rn_test_rmdir (dir);
}

static gboolean
failing_write (RnStore  *store,
               sqlite3  *db,
               gpointer  data,
               GError  **error)
{
  if (!rn_sql_exec (db, "INSERT INTO meta (key, value) VALUES ('half', 'done')", error))
    return FALSE;
  g_set_error_literal (error, RN_STORE_ERROR, RN_STORE_ERROR_FAILED, "stop here");
  return FALSE;
}

static void
test_write_rolls_back (void)
{
  g_autofree char *dir = rn_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RnStore) store = rn_store_open (path, &error);
  g_autofree char *value = NULL;

  g_assert_no_error (error);
  g_assert_false (rn_store_write (store, failing_write, NULL, &error));
  g_assert_error (error, RN_STORE_ERROR, RN_STORE_ERROR_FAILED);
  value = rn_store_get_meta (store, "half");
  g_assert_null (value);
  g_clear_object (&store);
  rn_test_rmdir (dir);
}

static gboolean
add_items (RnStore  *store,
           sqlite3  *db,
           gpointer  data,
           GError  **error)
{
  if (!rn_sql_exec (db, "INSERT INTO feeds (url, added) VALUES ('http://x/', 0)", error))
    return FALSE;
  for (int i = 0; i < 3; i++)
    {
      g_autofree char *sql = g_strdup_printf (
        "INSERT INTO items (feed_id, guid, first_seen, sort_date) VALUES (1, 'g%d', 0, 0)", i);
      if (!rn_sql_exec (db, sql, error))
        return FALSE;
    }
  rn_store_note_feeds_changed (store);
  return TRUE;
}

static void
on_items_added (RnStore *store,
                gint64   first,
                gint64   last,
                gint64  *range)
{
  range[0] = first;
  range[1] = last;
}

typedef struct
{
  RnStore  *store;
  gboolean  done;
} WriteDone;

static void
on_write_done (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  WriteDone *w = data;
  g_autoptr(GError) error = NULL;

  g_assert_null (source);
  g_assert_true (rn_store_write_finish (w->store, result, &error));
  g_assert_no_error (error);
  w->done = TRUE;
}

static void
test_async_write_signals (void)
{
  g_autofree char *dir = rn_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RnStore) store = rn_store_open (path, &error);
  gint64 range[2] = { 0, 0 };
  WriteDone w = { NULL, FALSE };
  guint feeds_changed = 0;

  g_assert_no_error (error);
  g_signal_connect (store, "items-added", G_CALLBACK (on_items_added), range);
  g_signal_connect_swapped (store, "feeds-changed", G_CALLBACK (g_atomic_int_inc), &feeds_changed);
  w.store = store;
  rn_store_write_async (store, add_items, NULL, NULL, NULL, on_write_done, &w);
  g_assert_true (rn_test_wait_for (&w.done, 10000));
  /* The signals are queued on the main context right after COMMIT. */
  while (g_main_context_iteration (NULL, FALSE));
  g_assert_cmpint (range[0], ==, 1);
  g_assert_cmpint (range[1], ==, 3);
  g_assert_cmpuint (feeds_changed, ==, 1);
  g_assert_cmpint (rn_sql_query_int (rn_store_get_reader (store), "SELECT count(*) FROM items", 0), ==, 3);
  g_clear_object (&store);
  rn_test_rmdir (dir);
}

/* ---- a write that makes SQLite roll the whole group back ---- */

typedef struct
{
  GMutex   lock;
  GCond    cond;
  gboolean started;
  gboolean go;
} Gate;

/* Holds the writer thread until the test has queued the next writes, so
 * they are taken into one transaction together. */
static gboolean
gated_write (RnStore  *store,
             sqlite3  *db,
             gpointer  data,
             GError  **error)
{
  Gate *gate = data;

  g_mutex_lock (&gate->lock);
  gate->started = TRUE;
  g_cond_broadcast (&gate->cond);
  while (!gate->go)
    g_cond_wait (&gate->cond, &gate->lock);
  g_mutex_unlock (&gate->lock);
  return TRUE;
}

static gboolean
meta_write (RnStore  *store,
            sqlite3  *db,
            gpointer  data,
            GError  **error)
{
  g_autofree char *sql = g_strdup_printf ("INSERT INTO meta (key, value) VALUES ('%s', 'done')", (char *) data);

  return rn_sql_exec (db, sql, error);
}

/* As SQLite does on a full disk or an I/O error: the whole transaction is
 * rolled back, not only the statement. */
static gboolean
rolling_back_write (RnStore  *store,
                    sqlite3  *db,
                    gpointer  data,
                    GError  **error)
{
  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  g_set_error_literal (error, RN_STORE_ERROR, RN_STORE_ERROR_FULL, "disk full");
  return FALSE;
}

typedef struct
{
  RnStore  *store;
  gboolean  done;
  gboolean  ok;
  GError   *error;
} Outcome;

static void
on_outcome (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  Outcome *o = data;

  o->ok = rn_store_write_finish (o->store, result, &o->error);
  o->done = TRUE;
}

/* The writes before the one that rolled the transaction back are undone
 * and say so; the writes after it are written in a transaction of their
 * own and succeed; what each write reports is what the library holds. */
static void
test_group_rolled_back (void)
{
  g_autofree char *dir = rn_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RnStore) store = rn_store_open (path, &error);
  Gate gate = { 0 };
  Outcome held = { 0 }, before = { 0 }, culprit = { 0 }, after = { 0 }, later = { 0 };
  g_autofree char *value = NULL;

  g_assert_no_error (error);
  held.store = before.store = culprit.store = after.store = later.store = store;
  g_mutex_init (&gate.lock);
  g_cond_init (&gate.cond);
  rn_store_write_async (store, gated_write, &gate, NULL, NULL, on_outcome, &held);
  g_mutex_lock (&gate.lock);
  while (!gate.started)
    g_cond_wait (&gate.cond, &gate.lock);
  g_mutex_unlock (&gate.lock);
  rn_store_write_async (store, meta_write, (gpointer) "before", NULL, NULL, on_outcome, &before);
  rn_store_write_async (store, rolling_back_write, NULL, NULL, NULL, on_outcome, &culprit);
  rn_store_write_async (store, meta_write, (gpointer) "after", NULL, NULL, on_outcome, &after);
  rn_store_write_async (store, meta_write, (gpointer) "later", NULL, NULL, on_outcome, &later);
  g_mutex_lock (&gate.lock);
  gate.go = TRUE;
  g_cond_broadcast (&gate.cond);
  g_mutex_unlock (&gate.lock);

  g_assert_true (rn_test_wait_for (&held.done, 10000));
  g_assert_true (rn_test_wait_for (&later.done, 10000));
  g_assert_true (before.done && culprit.done && after.done);
  g_assert_true (held.ok);
  g_assert_false (before.ok);
  g_assert_error (before.error, RN_STORE_ERROR, RN_STORE_ERROR_FULL);
  g_assert_false (culprit.ok);
  g_assert_error (culprit.error, RN_STORE_ERROR, RN_STORE_ERROR_FULL);
  g_assert_no_error (after.error);
  g_assert_true (after.ok);
  g_assert_true (later.ok);

  value = rn_store_get_meta (store, "before");
  g_assert_null (value);
  value = rn_store_get_meta (store, "after");
  g_assert_cmpstr (value, ==, "done");
  g_free (value);
  value = rn_store_get_meta (store, "later");
  g_assert_cmpstr (value, ==, "done");
  g_clear_error (&before.error);
  g_clear_error (&culprit.error);
  g_mutex_clear (&gate.lock);
  g_cond_clear (&gate.cond);
  g_clear_object (&store);
  rn_test_rmdir (dir);
}

/* ---- deferred full-text indexing ---- */

static gboolean
add_titled_items (RnStore  *store,
                  sqlite3  *db,
                  gpointer  data,
                  GError  **error)
{
  const char *word = data;

  if (!rn_sql_exec (db, "INSERT OR IGNORE INTO feeds (id, url, added) VALUES (1, 'http://x/', 0)", error))
    return FALSE;
  for (int i = 0; i < 3; i++)
    {
      g_autofree char *sql = g_strdup_printf (
        "INSERT INTO items (feed_id, guid, title, first_seen, sort_date) "
        "VALUES (1, '%s%d', 'embolism %s', 0, 0)", word, i, word);
      if (!rn_sql_exec (db, sql, error))
        return FALSE;
    }
  return TRUE;
}

static gint64
matches (RnStore    *store,
         const char *query)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM items_fts WHERE items_fts MATCH '%s'", query);

  return rn_sql_query_int (rn_store_get_reader (store), sql, -1);
}

static gboolean
exec_in_txn (RnStore  *store,
             sqlite3  *db,
             gpointer  data,
             GError  **error)
{
  return rn_sql_exec (db, data, error);
}

/* The items' full text is checked against the index (FTS5's own check,
 * which compares with the text of every row). */
static void
assert_index_consistent (RnStore *store)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rn_store_write (store, exec_in_txn,
                                 "INSERT INTO items_fts (items_fts, rank) VALUES ('integrity-check', 1)", &error));
  g_assert_no_error (error);
}

static void
on_bulk_ended (GObject      *source,
               GAsyncResult *result,
               gpointer      data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rn_store_end_bulk_finish (RN_STORE (source), result, &error));
  g_assert_no_error (error);
  *(gboolean *) data = TRUE;
}

/* During a bulk (a refresh), new items wait for a full chunk before they
 * are indexed and announced; at its end the rest is. Outside a bulk, a
 * write indexes at once. Changing or removing an item that waits keeps
 * the index consistent. */
static void
test_bulk_indexing (void)
{
  g_autofree char *dir = rn_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RnStore) store = rn_store_open (path, &error);
  gint64 range[2] = { 0, 0 };
  WriteDone w = { NULL, FALSE };
  gboolean ended = FALSE;

  g_assert_no_error (error);
  g_signal_connect (store, "items-added", G_CALLBACK (on_items_added), range);
  w.store = store;

  /* Outside a bulk: indexed and announced with the write. */
  g_assert_true (rn_store_write (store, add_titled_items, (gpointer) "alpha", &error));
  g_assert_no_error (error);
  g_assert_cmpint (matches (store, "alpha"), ==, 3);
  g_assert_cmpint (range[0], ==, 1);
  g_assert_cmpint (range[1], ==, 3);

  rn_store_begin_bulk (store);
  range[0] = range[1] = 0;
  rn_store_write_async (store, add_titled_items, (gpointer) "beta", NULL, NULL, on_write_done, &w);
  g_assert_true (rn_test_wait_for (&w.done, 10000));
  while (g_main_context_iteration (NULL, FALSE));
  /* Stored, not yet searchable, not yet announced. */
  g_assert_cmpint (rn_sql_query_int (rn_store_get_reader (store), "SELECT count(*) FROM items", 0), ==, 6);
  g_assert_cmpint (matches (store, "beta"), ==, 0);
  g_assert_cmpint (range[0], ==, 0);
  g_assert_cmpint (rn_sql_query_int (rn_store_get_reader (store), "SELECT count(*) FROM fts_pending", 0), ==, 3);

  /* A waiting item changed, another removed, an indexed one changed. */
  g_assert_true (rn_store_write (store, exec_in_txn,
                                 "UPDATE items SET title = 'embolism gamma' WHERE guid = 'beta0';"
                                 "DELETE FROM items WHERE guid = 'beta1';"
                                 "UPDATE items SET title = 'embolism delta' WHERE guid = 'alpha0'", &error));
  g_assert_no_error (error);
  g_assert_cmpint (matches (store, "alpha"), ==, 2);

  rn_store_end_bulk_async (store, NULL, on_bulk_ended, &ended);
  g_assert_true (rn_test_wait_for (&ended, 10000));
  while (g_main_context_iteration (NULL, FALSE));
  g_assert_cmpint (matches (store, "beta"), ==, 1);
  g_assert_cmpint (matches (store, "gamma"), ==, 1);
  g_assert_cmpint (matches (store, "delta"), ==, 1);
  g_assert_cmpint (matches (store, "embolism"), ==, 5);
  g_assert_cmpint (rn_sql_query_int (rn_store_get_reader (store), "SELECT count(*) FROM fts_pending", 0), ==, 0);
  /* The two new items left (4 and 6; 5 was removed) are announced. */
  g_assert_cmpint (range[0], ==, 4);
  g_assert_cmpint (range[1], ==, 6);
  assert_index_consistent (store);
  g_clear_object (&store);
  rn_test_rmdir (dir);
}

/* Items stored during a bulk that never ended (the process died) are
 * indexed when the library is opened again. */
static void
test_pending_indexed_after_crash (void)
{
  g_autofree char *dir = rn_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RnStore) store = rn_store_open (path, &error);
  gint64 end;

  g_assert_no_error (error);
  rn_store_begin_bulk (store);
  g_assert_true (rn_store_write (store, add_titled_items, (gpointer) "epsilon", &error));
  g_assert_no_error (error);
  g_assert_cmpint (matches (store, "epsilon"), ==, 0);
  g_clear_object (&store);

  store = rn_store_open (path, &error);
  g_assert_no_error (error);
  end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (matches (store, "epsilon") < 3 && g_get_monotonic_time () < end)
    g_usleep (10000);
  g_assert_cmpint (matches (store, "epsilon"), ==, 3);
  assert_index_consistent (store);
  g_clear_object (&store);
  rn_test_rmdir (dir);
}

/* The kept unread and item counts equal a count from the items, feed by
 * feed. */
static void
assert_unread_counts (RnStore *store)
{
  sqlite3 *db = rn_store_get_reader (store);

  g_assert_cmpint (rn_sql_query_int (db,
    "SELECT count(*) FROM feeds f WHERE ifnull((SELECT n FROM feed_unread u WHERE u.feed_id = f.id), 0) "
    "  != (SELECT count(*) FROM items i WHERE i.feed_id = f.id AND i.read = 0)", -1), ==, 0);
  g_assert_cmpint (rn_sql_query_int (db,
    "SELECT count(*) FROM feed_unread WHERE feed_id NOT IN (SELECT id FROM feeds)", -1), ==, 0);
  g_assert_cmpint (rn_sql_query_int (db,
    "SELECT count(*) FROM feeds f WHERE ifnull((SELECT n FROM feed_items c WHERE c.feed_id = f.id), 0) "
    "  != (SELECT count(*) FROM items i WHERE i.feed_id = f.id)", -1), ==, 0);
  g_assert_cmpint (rn_sql_query_int (db,
    "SELECT count(*) FROM feed_items WHERE feed_id NOT IN (SELECT id FROM feeds)", -1), ==, 0);
}

static void
run_sql (RnStore    *store,
         const char *sql)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (rn_store_write (store, exec_in_txn, (gpointer) sql, &error));
  g_assert_no_error (error);
  assert_unread_counts (store);
}

/* Unread and item counts are kept by triggers through every way items
 * change. */
static void
test_unread_counts (void)
{
  g_autofree char *dir = rn_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RnStore) store = rn_store_open (path, &error);

  g_assert_no_error (error);
  run_sql (store, "INSERT INTO feeds (id, url, added) VALUES (1, 'https://a.example/', 0), (2, 'https://b.example/', 0);"
                  "INSERT INTO items (feed_id, guid, first_seen, sort_date, read) VALUES "
                  "  (1, 'a1', 0, 0, 0), (1, 'a2', 0, 0, 0), (1, 'a3', 0, 0, 1), (2, 'b1', 0, 0, 0);");
  g_assert_cmpint (rn_sql_query_int (rn_store_get_reader (store), "SELECT n FROM feed_unread WHERE feed_id = 1", -1), ==, 2);
  run_sql (store, "UPDATE items SET read = 1 WHERE guid = 'a1'");
  run_sql (store, "UPDATE items SET read = 0 WHERE guid = 'a3'");
  run_sql (store, "UPDATE items SET read = read WHERE feed_id = 1");            /* no change */
  run_sql (store, "UPDATE items SET feed_id = 2 WHERE guid = 'a2'");            /* moved, unread */
  run_sql (store, "UPDATE items SET feed_id = 1, read = 1 WHERE guid = 'b1'");  /* moved and read */
  run_sql (store, "DELETE FROM items WHERE guid = 'a3'");
  run_sql (store, "UPDATE items SET read = 0");
  run_sql (store, "DELETE FROM feeds WHERE id = 2");                            /* its items go too */
  g_assert_cmpint (rn_sql_query_int (rn_store_get_reader (store), "SELECT n FROM feed_unread WHERE feed_id = 1", -1), ==, 2);
  g_assert_cmpint (rn_sql_query_int (rn_store_get_reader (store), "SELECT n FROM feed_items WHERE feed_id = 1", -1), ==, 2);
  g_clear_object (&store);
  rn_test_rmdir (dir);
}

/* The latest date of each block of 4,096 ids is kept on insert and only
 * ever raised; a library from before it has the blocks listed when it
 * opens. */
static void
test_id_block_dates (void)
{
  g_autofree char *dir = rn_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RnStore) store = rn_store_open (path, &error);
  const char *blocks = "SELECT group_concat(block || ':' || latest, ' ') FROM (SELECT * FROM id_block_dates ORDER BY block)";
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *listed = NULL;
  g_autofree char *raised = NULL;
  g_autofree char *refilled = NULL;

  g_assert_no_error (error);
  run_sql (store, "INSERT INTO feeds (id, url, added) VALUES (1, 'https://a.example/', 0);"
                  "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 9000)"
                  " INSERT INTO items (feed_id, guid, first_seen, sort_date) SELECT 1, 'g' || x, 0, 100 + x % 5000 FROM n;");
  stmt = rn_sql_prepare (rn_store_get_reader (store), blocks, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  listed = rn_sql_dup_text (stmt, 0);
  g_clear_pointer (&stmt, sqlite3_finalize);
  g_assert_cmpstr (listed, ==, "0:4195 1:5099 2:4100");

  run_sql (store, "UPDATE items SET sort_date = 7000 WHERE id = 8200;"   /* later: raised */
                  "UPDATE items SET sort_date = 1 WHERE id = 4999;"      /* earlier: kept as a bound */
                  "DELETE FROM items WHERE id = 100;");
  stmt = rn_sql_prepare (rn_store_get_reader (store), blocks, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  raised = rn_sql_dup_text (stmt, 0);
  g_clear_pointer (&stmt, sqlite3_finalize);
  g_assert_cmpstr (raised, ==, "0:4195 1:5099 2:7000");

  /* As a library of schema 6 would be: no such table. */
  run_sql (store, "DROP TABLE id_block_dates; PRAGMA user_version = 6;");
  g_clear_object (&store);
  store = rn_store_open (path, &error);
  g_assert_no_error (error);
  stmt = rn_sql_prepare (rn_store_get_reader (store), blocks, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  refilled = rn_sql_dup_text (stmt, 0);
  g_clear_pointer (&stmt, sqlite3_finalize);
  g_assert_cmpstr (refilled, ==, "0:4195 1:5098 2:7000");
  g_clear_object (&store);
  rn_test_rmdir (dir);
}

/* Indexing a chunk starts from the waiting items, whatever the statistics
 * say: with items first, each chunk walked the library from its first item. */
static void
test_index_starts_from_pending (void)
{
  g_autofree char *dir = rn_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  g_autofree char *explain = g_strdup_printf ("EXPLAIN QUERY PLAN %s", RN_STORE_INDEX_SQL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RnStore) store = rn_store_open (path, &error);
  g_autoptr(GString) fill = g_string_new ("INSERT INTO feeds (id, url, added) VALUES (1, 'https://a.example/', 0);");
  g_autoptr(sqlite3_stmt) plan = NULL;
  g_autoptr(RnStoreVocab) vocab = NULL;
  const char *first;

  g_assert_no_error (error);
  /* A library loaded in bulk: every item waits, and ANALYZE has seen it. */
  for (int i = 0; i < 2000; i++)
    g_string_append_printf (fill, "INSERT INTO items (feed_id, guid, first_seen, sort_date) VALUES (1, 'g%d', 0, %d);"
                                  "INSERT OR IGNORE INTO fts_pending (id) VALUES (last_insert_rowid());", i, i);
  g_string_append (fill, "ANALYZE;");
  g_assert_true (rn_store_write (store, exec_in_txn, fill->str, &error));
  g_assert_no_error (error);

  /* The statement needs the word collector of a writing connection. */
  vocab = rn_store_vocab_new (rn_store_get_reader (store), &error);
  g_assert_no_error (error);
  plan = rn_sql_prepare (rn_store_get_reader (store), explain, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (plan), ==, SQLITE_ROW);
  first = (const char *) sqlite3_column_text (plan, 3);
  g_test_message ("first step: %s", first);
  g_assert_true (g_str_has_prefix (first, "SEARCH p ") || g_str_has_prefix (first, "SCAN p"));
  g_clear_pointer (&plan, sqlite3_finalize);
  g_clear_pointer (&vocab, rn_store_vocab_free);
  g_clear_object (&store);
  rn_test_rmdir (dir);
}

/* FTS5 removes a merged segment with "DELETE FROM items_fts_data WHERE id
 * BETWEEN ..."; with statistics taken when the index was tiny SQLite
 * scans the whole table for it. Such statistics are mended once the store
 * has opened the library. */
static char *
fts_delete_plan (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *plan;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "EXPLAIN QUERY PLAN DELETE FROM items_fts_data WHERE id >= ? AND id <= ?",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  plan = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return plan;
}

static void
test_stale_index_stats_mended (void)
{
  g_autofree char *dir = rn_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RnStore) store = rn_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_true (rn_store_write (store, exec_in_txn,
                                 "ANALYZE;"
                                 "DELETE FROM sqlite_stat1 WHERE tbl = 'items_fts_data';"
                                 "INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES ('items_fts_data', NULL, '2');",
                                 &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  /* Written after the store closed, as another program would. */
  {
    sqlite3 *db = NULL;

    g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "UPDATE sqlite_stat1 SET stat = '2' WHERE tbl = 'items_fts_data'",
                                   NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
  }
  before = fts_delete_plan (path);
  g_test_message ("with stale statistics: %s", before);
  g_assert_true (g_str_has_prefix (before, "SCAN"));

  store = rn_store_open (path, &error);
  g_assert_no_error (error);
  after = fts_delete_plan (path);
  g_test_message ("after opening: %s", after);
  g_assert_true (g_str_has_prefix (after, "SEARCH"));
  g_clear_object (&store);

  /* A connection that read the stale figure before they were mended plans
   * with the mended ones (the store's writer is such a connection). */
  {
    sqlite3 *db = NULL;
    g_autoptr(sqlite3_stmt) stmt = NULL;

    g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "UPDATE sqlite_stat1 SET stat = '2' WHERE tbl = 'items_fts_data';"
                                       "ANALYZE sqlite_schema", NULL, NULL, NULL), ==, SQLITE_OK);
    g_assert_true (rn_store_index_mend_stats (db, &error));
    g_assert_no_error (error);
    stmt = rn_sql_prepare (db, "EXPLAIN QUERY PLAN DELETE FROM items_fts_data WHERE id >= ? AND id <= ?", &error);
    g_assert_no_error (error);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_test_message ("same connection: %s", (const char *) sqlite3_column_text (stmt, 3));
    g_assert_true (g_str_has_prefix ((const char *) sqlite3_column_text (stmt, 3), "SEARCH"));
    g_clear_pointer (&stmt, sqlite3_finalize);
    sqlite3_close (db);
  }
  rn_test_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/radnet/core/store/create", test_create);
  g_test_add_func ("/radnet/core/store/reopen-keeps-data", test_reopen_keeps_data);
  g_test_add_func ("/radnet/core/store/not-a-database-untouched", test_corrupt_untouched);
  g_test_add_func ("/radnet/core/store/damaged-database-untouched", test_damaged_database_untouched);
  g_test_add_func ("/radnet/core/store/newer-schema-refused", test_newer_schema_refused);
  g_test_add_func ("/radnet/core/store/read-only-folder", test_read_only_folder);
  g_test_add_func ("/radnet/core/store/write-rolls-back", test_write_rolls_back);
  g_test_add_func ("/radnet/core/store/async-write-signals", test_async_write_signals);
  g_test_add_func ("/radnet/core/store/group-rolled-back", test_group_rolled_back);
  g_test_add_func ("/radnet/core/store/bulk-indexing", test_bulk_indexing);
  g_test_add_func ("/radnet/core/store/pending-indexed-after-crash", test_pending_indexed_after_crash);
  g_test_add_func ("/radnet/core/store/unread-counts", test_unread_counts);
  g_test_add_func ("/radnet/core/store/id-block-dates", test_id_block_dates);
  g_test_add_func ("/radnet/core/store/index-starts-from-pending", test_index_starts_from_pending);
  g_test_add_func ("/radnet/core/store/stale-index-stats-mended", test_stale_index_stats_mended);

  return g_test_run ();
}
