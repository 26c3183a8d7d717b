/* Opening, migrating and protecting the library. */
#include "config.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

#include "rn-test-util.h"
#include "store/rn-sql.h"
#include "store/rn-store.h"
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
      rn_store_note_item_added (store, sqlite3_last_insert_rowid (db));
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

  return g_test_run ();
}
