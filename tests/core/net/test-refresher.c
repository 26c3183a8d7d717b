/* RnRefresher against an in-process server: conditional GET, errors and
 * back-off, moves, gone, many feeds at once, cancellation. */
#include "config.h"

#include "feeds/rn-feed-state.h"
#include "feeds/rn-feed-store.h"
#include "net/rn-refresher.h"
#include "rn-test-server.h"
#include "rn-test-util.h"
#include "store/rn-sql.h"

typedef struct
{
  char         *dir;
  RnContext    *context;
  RnStore      *store;
  RnRefresher  *refresher;
  RnTestServer *server;
} Fixture;

static GBytes *
make_rss (const char *name,
          guint       n_items)
{
  g_autoptr(GString) s = g_string_new ("<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel>");

  g_string_append_printf (s, "<title>%s</title><link>https://%s.example.org/</link><ttl>30</ttl>", name, name);
  for (guint i = 0; i < n_items; i++)
    g_string_append_printf (s, "<item><title>%s item %u</title><guid>%s-%u</guid>"
                               "<link>https://%s.example.org/%u</link>"
                               "<pubDate>Mon, 0%u Jun 2025 10:00:00 GMT</pubDate>"
                               "<description>&lt;p&gt;Finding number %u&lt;/p&gt;</description></item>",
                            name, i, name, i, name, i, 1 + i % 9, i);
  g_string_append (s, "</channel></rss>");
  return g_bytes_new (s->str, s->len);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->context = rn_test_context_new (&f->dir);
  f->store = rn_context_get_store (f->context);
  f->refresher = rn_context_get_refresher (f->context);
  f->server = rn_test_server_new ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->context);
  rn_test_server_free (f->server);
  rn_test_rmdir (f->dir);
  g_free (f->dir);
}

static gint64
add_feed (Fixture    *f,
          const char *path)
{
  g_autofree char *url = rn_test_server_url (f->server, path);
  RnFeedSpec spec = { .url = url };
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  g_assert_true (rn_feed_store_add_feed (f->store, &spec, &id, &error));
  g_assert_no_error (error);
  return id;
}

typedef struct
{
  RnRefreshSummary *summary;
  GError           *error;
  gboolean          done;
} Result;

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  Result *r = data;

  r->summary = rn_refresher_refresh_finish (RN_REFRESHER (source), result, &r->error);
  r->done = TRUE;
}

static RnRefreshSummary *
refresh (Fixture  *f,
         gint64    feed_id,
         gboolean  user)
{
  Result r = { 0 };

  rn_refresher_refresh_async (f->refresher, feed_id, 0, user, NULL, on_done, &r);
  g_assert_true (rn_test_wait_for (&r.done, 30000));
  g_assert_no_error (r.error);
  while (g_main_context_iteration (NULL, FALSE));
  return r.summary;
}

static gint64
query (Fixture    *f,
       const char *sql)
{
  return rn_sql_query_int (rn_store_get_reader (f->store), sql, -1);
}

static void
test_200_then_304 (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GBytes) rss = make_rss ("alpha", 5);
  g_autoptr(RnRefreshSummary) first = NULL, second = NULL;
  g_autoptr(RnFeed) feed = NULL;
  gint64 id;

  rn_test_server_add_bytes (f->server, "/alpha.xml", "application/rss+xml", rss);
  id = add_feed (f, "/alpha.xml");

  first = refresh (f, id, TRUE);
  g_assert_cmpuint (first->ok, ==, 1);
  g_assert_cmpuint (first->new_items, ==, 5);
  g_assert_cmpint (query (f, "SELECT count(*) FROM items"), ==, 5);
  g_assert_cmpint (query (f, "SELECT count(*) FROM feeds WHERE etag IS NOT NULL AND last_modified IS NOT NULL"), ==, 1);
  g_assert_cmpint (query (f, "SELECT failures FROM feeds"), ==, 0);
  /* ttl 30 min asks for more than the 15-minute floor, less than the default hour */
  g_assert_cmpint (query (f, "SELECT next_fetch - last_fetch FROM feeds"), ==, 3600);

  feed = rn_feed_store_get_feed (f->store, id, NULL);
  g_assert_cmpstr (rn_feed_get_title (feed), ==, "alpha");
  g_assert_cmpuint (rn_feed_get_unread_count (feed), ==, 5);
  g_assert_cmpint (rn_feed_get_last_success (feed), >, 0);

  second = refresh (f, id, TRUE);
  g_assert_cmpuint (second->not_modified, ==, 1);
  g_assert_cmpuint (second->new_items, ==, 0);
  g_assert_cmpuint (rn_test_server_get_hits (f->server, "/alpha.xml"), ==, 2);
  g_assert_cmpuint (rn_test_server_get_304s (f->server, "/alpha.xml"), ==, 1);
  g_assert_cmpint (query (f, "SELECT count(*) FROM items"), ==, 5);

  /* Not due yet: a scheduled refresh leaves it alone. */
  {
    g_autoptr(RnRefreshSummary) scheduled = refresh (f, 0, FALSE);
    g_assert_cmpuint (scheduled->ok + scheduled->not_modified + scheduled->failed, ==, 0);
    g_assert_cmpuint (rn_test_server_get_hits (f->server, "/alpha.xml"), ==, 2);
  }
}

static guint gone_hits;

static void
serve_status (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query_params,
              gpointer           user_data)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  if (g_str_equal (path, "/moved"))
    {
      soup_message_headers_replace (headers, "Location", "/alpha.xml");
      soup_server_message_set_status (msg, SOUP_STATUS_MOVED_PERMANENTLY, NULL);
    }
  else if (g_str_equal (path, "/gone"))
    {
      gone_hits++;
      soup_server_message_set_status (msg, SOUP_STATUS_GONE, NULL);
    }
  else if (g_str_equal (path, "/busy"))
    {
      soup_message_headers_replace (headers, "Retry-After", "7200");
      soup_server_message_set_status (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, NULL);
    }
  else if (g_str_equal (path, "/page"))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC,
                                      "<html><body><p>Hello</p></body></html>", 38);
    }
  else
    soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
}

static void
test_errors_and_backoff (Fixture       *f,
                         gconstpointer  data)
{
  gint64 missing, gone, busy, page;
  g_autoptr(RnRefreshSummary) first = NULL, second = NULL;
  g_autoptr(RnFeed) feed = NULL;
  gint64 first_delay, second_delay;

  gone_hits = 0;
  rn_test_server_add_handler (f->server, "/missing", serve_status, NULL);
  rn_test_server_add_handler (f->server, "/gone", serve_status, NULL);
  rn_test_server_add_handler (f->server, "/busy", serve_status, NULL);
  rn_test_server_add_handler (f->server, "/page", serve_status, NULL);
  missing = add_feed (f, "/missing");
  gone = add_feed (f, "/gone");
  {
    /* Another host name: the back-off it asks for must not touch the rest. */
    g_autofree char *url = rn_test_server_url_for_host (f->server, "localhost", "/busy");
    RnFeedSpec spec = { .url = url };
    g_assert_true (rn_feed_store_add_feed (f->store, &spec, &busy, NULL));
  }
  page = add_feed (f, "/page");

  first = refresh (f, 0, TRUE);
  g_assert_cmpuint (first->failed, ==, 4);
  g_assert_cmpuint (first->failures->len, ==, 4);

  feed = rn_feed_store_get_feed (f->store, missing, NULL);
  g_assert_nonnull (rn_feed_get_error (feed));
  g_assert_cmpuint (rn_feed_get_failures (feed), ==, 1);
  g_assert_false (rn_feed_get_disabled (feed));
  g_clear_object (&feed);

  feed = rn_feed_store_get_feed (f->store, gone, NULL);
  g_assert_true (rn_feed_get_disabled (feed));
  g_clear_object (&feed);

  feed = rn_feed_store_get_feed (f->store, page, NULL);
  g_assert_nonnull (strstr (rn_feed_get_error (feed), "Not a feed"));
  g_clear_object (&feed);

  {
    g_autofree char *sql = g_strdup_printf ("SELECT next_fetch - last_fetch FROM feeds WHERE id = %" G_GINT64_FORMAT, busy);
    g_assert_cmpint (query (f, sql), >=, 7200);
  }

  first_delay = query (f, "SELECT next_fetch - last_fetch FROM feeds WHERE url LIKE '%/missing'");
  second = refresh (f, missing, TRUE);
  second_delay = query (f, "SELECT next_fetch - last_fetch FROM feeds WHERE url LIKE '%/missing'");
  g_assert_cmpint (query (f, "SELECT failures FROM feeds WHERE url LIKE '%/missing'"), ==, 2);
  g_assert_cmpint (second_delay, ==, 2 * first_delay);

  /* The gone feed is no longer asked. */
  {
    g_autoptr(RnRefreshSummary) third = refresh (f, 0, TRUE);
    g_assert_cmpuint (gone_hits, ==, 1);
    (void) third;
  }
}

static void
test_permanent_move (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GBytes) rss = make_rss ("alpha", 2);
  g_autoptr(RnRefreshSummary) summary = NULL;
  g_autofree char *expected = rn_test_server_url (f->server, "/alpha.xml");
  g_autoptr(RnFeed) feed = NULL;
  gint64 id;

  rn_test_server_add_bytes (f->server, "/alpha.xml", "application/rss+xml", rss);
  rn_test_server_add_handler (f->server, "/moved", serve_status, NULL);
  id = add_feed (f, "/moved");
  summary = refresh (f, id, TRUE);
  g_assert_cmpuint (summary->ok, ==, 1);
  feed = rn_feed_store_get_feed (f->store, id, NULL);
  g_assert_cmpstr (rn_feed_get_url (feed), ==, expected);
}

static void
test_next_delay (void)
{
  RnRefreshOutcome ok = { .status = RN_REFRESH_OK };
  RnRefreshOutcome slow = { .status = RN_REFRESH_OK, .ttl = 6 * 3600 };
  RnRefreshOutcome greedy = { .status = RN_REFRESH_OK, .ttl = 60 };
  RnRefreshOutcome lazy = { .status = RN_REFRESH_OK, .ttl = 30 * 86400 };
  RnRefreshOutcome failed = { .status = RN_REFRESH_FAILED };
  RnRefreshOutcome limited = { .status = RN_REFRESH_FAILED, .retry_after = 5 * 3600 };

  g_assert_cmpint (rn_feed_next_delay (&ok, 0, 0, 3600), ==, 3600);
  g_assert_cmpint (rn_feed_next_delay (&ok, 0, 600, 3600), ==, RN_FEED_MIN_INTERVAL);
  g_assert_cmpint (rn_feed_next_delay (&slow, 0, 0, 3600), ==, 6 * 3600);
  g_assert_cmpint (rn_feed_next_delay (&greedy, 0, 0, 3600), ==, 3600);
  g_assert_cmpint (rn_feed_next_delay (&lazy, 0, 0, 3600), ==, RN_FEED_MAX_INTERVAL);
  g_assert_cmpint (rn_feed_next_delay (&failed, 1, 0, 3600), ==, 3600);
  g_assert_cmpint (rn_feed_next_delay (&failed, 2, 0, 3600), ==, 7200);
  g_assert_cmpint (rn_feed_next_delay (&failed, 3, 0, 3600), ==, 14400);
  g_assert_cmpint (rn_feed_next_delay (&failed, 40, 0, 3600), ==, RN_FEED_MAX_INTERVAL);
  g_assert_cmpint (rn_feed_next_delay (&limited, 1, 0, 3600), ==, 5 * 3600);
}

static void
on_n_done (RnRefresher *refresher,
           GParamSpec  *pspec,
           guint       *max_seen)
{
  *max_seen = MAX (*max_seen, rn_refresher_get_n_done (refresher));
  g_assert_cmpuint (rn_refresher_get_n_done (refresher), <=, rn_refresher_get_n_total (refresher));
}

static void
test_many_feeds (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(RnRefreshSummary) summary = NULL;
  guint max_seen = 0;

  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *name = g_strdup_printf ("feed%u", i);
      g_autofree char *path = g_strdup_printf ("/%s.xml", name);
      g_autoptr(GBytes) rss = make_rss (name, 3);

      rn_test_server_add_bytes (f->server, path, "application/rss+xml", rss);
      add_feed (f, path);
    }
  g_signal_connect (f->refresher, "notify::n-done", G_CALLBACK (on_n_done), &max_seen);
  summary = refresh (f, 0, TRUE);
  g_assert_cmpuint (summary->ok, ==, 200);
  g_assert_cmpuint (summary->new_items, ==, 600);
  g_assert_cmpuint (max_seen, ==, 200);
  g_assert_cmpuint (rn_refresher_get_n_total (f->refresher), ==, 200);
  g_assert_false (rn_refresher_get_busy (f->refresher));
  g_assert_cmpint (query (f, "SELECT count(*) FROM items"), ==, 600);
}

static void
on_first_done_cancel (RnRefresher *refresher,
                      gint64       feed_id,
                      int          status,
                      gpointer     data)
{
  rn_refresher_cancel (refresher);
}

static void
test_cancel_consistent (Fixture       *f,
                        gconstpointer  data)
{
  Result r = { 0 };

  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *name = g_strdup_printf ("c%u", i);
      g_autofree char *path = g_strdup_printf ("/%s.xml", name);
      g_autoptr(GBytes) rss = make_rss (name, 20);

      rn_test_server_add_bytes (f->server, path, "application/rss+xml", rss);
      add_feed (f, path);
    }
  g_signal_connect (f->refresher, "feed-refreshed", G_CALLBACK (on_first_done_cancel), NULL);
  rn_refresher_refresh_async (f->refresher, 0, 0, TRUE, NULL, on_done, &r);
  g_assert_true (rn_test_wait_for (&r.done, 30000));
  g_assert_error (r.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&r.error);
  while (g_main_context_iteration (NULL, FALSE));

  /* Every feed is all or nothing, and the database is sound. */
  g_assert_cmpint (query (f, "SELECT count(*) FROM (SELECT feed_id, count(*) n FROM items GROUP BY feed_id) WHERE n != 20"), ==, 0);
  g_assert_cmpint (query (f, "SELECT count(*) FROM items"), <, 50 * 20);
  {
    g_autoptr(sqlite3_stmt) check = rn_sql_prepare (rn_store_get_reader (f->store), "PRAGMA integrity_check", NULL);
    g_assert_cmpint (sqlite3_step (check), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (check, 0), ==, "ok");
  }

  /* The next refresh completes the rest. */
  g_signal_handlers_disconnect_by_func (f->refresher, on_first_done_cancel, NULL);
  {
    g_autoptr(RnRefreshSummary) again = refresh (f, 0, TRUE);
    g_assert_cmpuint (again->failed, ==, 0);
    g_assert_cmpint (query (f, "SELECT count(*) FROM items"), ==, 50 * 20);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/radnet/core/net/refresher/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("200-then-304", test_200_then_304);
  ADD ("errors-and-backoff", test_errors_and_backoff);
  ADD ("permanent-move", test_permanent_move);
  ADD ("many-feeds", test_many_feeds);
  ADD ("cancel-consistent", test_cancel_consistent);
#undef ADD
  g_test_add_func ("/radnet/core/net/refresher/next-delay", test_next_delay);

  return g_test_run ();
}
