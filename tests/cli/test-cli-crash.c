/* Crash safety: radnet-cli refresh killed with SIGKILL at random moments,
 * 50 times, during a large refresh. After each kill the library is sound
 * (integrity_check, the full-text index's own check), the reading list and
 * the columns are intact, every feed is all or nothing, and the next
 * refresh completes. */
#include "config.h"

#include <signal.h>

#include "rn-test-server.h"
#include "rn-test-util.h"
#include "store/rn-sql.h"
#include "store/rn-store.h"

#define N_FEEDS 40
#define N_ITEMS 50
#define N_KILLS 50

static GBytes *
make_feed (guint n)
{
  g_autoptr(GString) s = g_string_new ("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>");

  g_string_append_printf (s, "<title>Feed %u</title><link>https://f%u.example.org/</link>", n, n);
  for (guint i = 0; i < N_ITEMS; i++)
    {
      g_string_append_printf (s, "<item><title>Finding %u of feed %u</title><guid>f%u-%u</guid>"
                                 "<pubDate>Mon, 02 Jun 2025 %02u:%02u:00 GMT</pubDate><description>",
                              i, n, n, i, i % 24, n % 60);
      for (guint k = 0; k < 20; k++)
        g_string_append_printf (s, "&lt;p&gt;Pulmonary embolism case %u paragraph %u with words.&lt;/p&gt;", i, k);
      g_string_append (s, "</description></item>");
    }
  g_string_append (s, "</channel></rss>");
  return g_bytes_new (s->str, s->len);
}

static int
run_cli (const char *dir,
         guint       kill_after_ms)
{
  const char *cli = g_getenv ("RADNET_CLI");
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  gboolean done = FALSE;
  gint64 deadline;

  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                           cli, "--data-dir", dir, "refresh", NULL);
  g_assert_no_error (error);
  deadline = g_get_monotonic_time () + (kill_after_ms > 0 ? kill_after_ms * 1000 : 120 * G_USEC_PER_SEC);
  /* The server lives on this thread: keep it answering while we wait. */
  while (!done && g_get_monotonic_time () < deadline)
    {
      g_main_context_iteration (NULL, FALSE);
      done = g_subprocess_get_identifier (proc) == NULL;
      if (!done)
        g_usleep (1000);
    }
  if (!done)
    {
      g_subprocess_force_exit (proc);   /* SIGKILL */
      /* The child is dead: nothing to serve any more. */
      g_subprocess_wait (proc, NULL, NULL);
      if (g_subprocess_get_if_signaled (proc))
        return -g_subprocess_get_term_sig (proc);
      return g_subprocess_get_exit_status (proc);
    }
  return g_subprocess_get_exit_status (proc);
}

static gboolean
delete_refreshed (RnStore  *store,
                  sqlite3  *db,
                  gpointer  data,
                  GError  **error)
{
  return rn_sql_exec (db, "DELETE FROM items WHERE id NOT IN (SELECT item_id FROM saved);"
                          "UPDATE feeds SET etag = NULL, last_modified = NULL, next_fetch = NULL", error);
}

static gboolean
check_fts (RnStore  *store,
           sqlite3  *db,
           gpointer  data,
           GError  **error)
{
  return rn_sql_exec (db, "INSERT INTO items_fts (items_fts) VALUES ('integrity-check')", error);
}

static void
check_library (const char *path,
               gboolean    check_index)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RnStore) store = rn_store_open (path, &error);
  sqlite3 *db;

  g_assert_no_error (error);
  db = rn_store_get_reader (store);
  {
    g_autoptr(sqlite3_stmt) check = rn_sql_prepare (db, "PRAGMA integrity_check", &error);
    g_assert_cmpint (sqlite3_step (check), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (check, 0), ==, "ok");
  }
  /* The index's own check re-reads every item: not after every kill. */
  if (check_index)
    {
      g_assert_true (rn_store_write (store, check_fts, NULL, &error));
      g_assert_no_error (error);
    }
  g_assert_cmpint (rn_sql_query_int (db, "SELECT count(*) FROM saved", -1), ==, 1);
  g_assert_cmpint (rn_sql_query_int (db, "SELECT count(*) FROM columns WHERE name = 'PE'", -1), ==, 1);
  g_assert_cmpint (rn_sql_query_int (db, "SELECT count(*) FROM feeds", -1), ==, N_FEEDS + 1);
  /* each feed all or nothing (the kept source holds its one saved item) */
  g_assert_cmpint (rn_sql_query_int (db,
    "SELECT count(*) FROM (SELECT count(*) n FROM items i JOIN feeds f ON f.id = i.feed_id "
    "WHERE f.disabled = 0 GROUP BY feed_id) WHERE n != " G_STRINGIFY (N_ITEMS), -1), ==, 0);
}

static gboolean
seed_library (RnStore  *store,
              sqlite3  *db,
              gpointer  data,
              GError  **error)
{
  RnTestServer *server = data;

  for (guint n = 1; n <= N_FEEDS; n++)
    {
      g_autofree char *p = g_strdup_printf ("/f%u.rss", n);
      g_autofree char *url = rn_test_server_url (server, p);
      g_autoptr(sqlite3_stmt) stmt = rn_sql_prepare (db, "INSERT INTO feeds (url, added) VALUES (?, 0)", error);
      g_autoptr(GBytes) body = make_feed (n);

      if (stmt == NULL)
        return FALSE;
      rn_test_server_add_bytes (server, p, "application/rss+xml", body);
      rn_sql_bind_text (stmt, 1, url);
      if (!rn_sql_step_done (stmt, error))
        return FALSE;
    }
  /* A reading list entry (in a source of its own, never refreshed) and a
   * column: both must survive every crash. */
  return rn_sql_exec (db,
    "INSERT INTO columns (name, query) VALUES ('PE', '\"pulmonary embolism\"');"
    "INSERT INTO feeds (url, added, disabled) VALUES ('https://kept.example.org/', 0, 1);"
    "INSERT INTO items (feed_id, guid, title, first_seen, sort_date) VALUES (last_insert_rowid(), 'k', 'Kept', 0, 0);"
    "INSERT INTO saved (item_id, saved_at, changed) VALUES (last_insert_rowid(), 0, 0);", error);
}

static void
test_sigkill_during_refresh (void)
{
  g_autoptr(RnTestServer) server = rn_test_server_new ();
  g_autofree char *dir = rn_test_mkdtemp ();
  g_autofree char *path = g_build_filename (dir, "library.db", NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261130);
  g_autoptr(GError) error = NULL;
  guint killed = 0, finished = 0;
  gint64 started;
  guint full_ms;
  int status;

  {
    g_autoptr(RnStore) store = rn_store_open (path, &error);

    g_assert_no_error (error);
    g_assert_true (rn_store_write (store, seed_library, server, &error));
    g_assert_no_error (error);
  }

  /* Time one whole refresh, so the kills spread over all of it however fast
   * this build and machine are (a fixed window made most runs finish first
   * once refreshes got faster). */
  started = g_get_monotonic_time ();
  g_assert_cmpint (run_cli (dir, 0), ==, 0);
  full_ms = (guint) ((g_get_monotonic_time () - started) / 1000);
  g_test_message ("a whole refresh takes %u ms", full_ms);
  {
    g_autoptr(RnStore) store = rn_store_open (path, &error);
    g_assert_no_error (error);
    g_assert_true (rn_store_write (store, delete_refreshed, NULL, &error));
  }

  for (guint k = 0; killed < N_KILLS && k < 4 * N_KILLS; k++)
    {
      /* Start over now and then, so kills land in every phase: early
       * fetches, busy writes, the last feeds. */
      if (k % 10 == 9)
        {
          g_autoptr(RnStore) store = rn_store_open (path, &error);
          g_assert_no_error (error);
          g_assert_true (rn_store_write (store, delete_refreshed, NULL, &error));
        }
      /* Never before 5 ms (the process is still starting) and mostly
       * within the refresh: the last fifth is left for finishing first. */
      status = run_cli (dir, (guint) g_rand_int_range (rand, 5, MAX (10, full_ms * 8 / 10)));
      g_test_message ("run %u: %s", k, status == -SIGKILL ? "killed" : "finished");
      if (status == -SIGKILL)
        killed++;
      else
        finished++;
      check_library (path, k % 10 == 0);
      if (status != -SIGKILL)
        {
          /* It finished before the kill: empty the items to crash again. */
          g_autoptr(RnStore) store = rn_store_open (path, &error);
          g_assert_no_error (error);
          g_assert_true (rn_store_write (store, delete_refreshed, NULL, &error));
        }
    }
  g_test_message ("%u runs killed, %u finished first", killed, finished);
  g_assert_cmpuint (killed, ==, N_KILLS);

  /* The next refresh completes. */
  status = run_cli (dir, 0);
  g_assert_cmpint (status, ==, 0);
  check_library (path, TRUE);
  {
    g_autoptr(RnStore) store = rn_store_open (path, &error);
    g_assert_cmpint (rn_sql_query_int (rn_store_get_reader (store), "SELECT count(*) FROM items", -1),
                     ==, N_FEEDS * N_ITEMS + 1);
  }
  rn_test_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/radnet/cli/sigkill-during-refresh", test_sigkill_during_refresh);
  return g_test_run ();
}
