/* PubMed searches go through the same refresher as feeds: radnet-cli
 * refresh and the app refresh them, and failures are recorded per source. */
#include "config.h"

#include "feeds/rn-feed-store.h"
#include "pubmed/rn-pubmed-source.h"
#include "rn-test-server.h"
#include "rn-test-util.h"
#include "store/rn-sql.h"

static void
serve_eutils (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  const char *fixture = NULL;
  const char *type = "application/json";
  g_autoptr(GBytes) body = NULL;

  if (g_str_has_suffix (path, "/esearch.fcgi"))
    {
      const char *term = query != NULL ? g_hash_table_lookup (query, "term") : NULL;
      fixture = term != NULL && strstr (term, "((") != NULL ? "esearch-error.json" : "esearch-ctpa.json";
    }
  else if (g_str_has_suffix (path, "/esummary.fcgi"))
    fixture = "esummary-ctpa.json";
  else if (g_str_has_suffix (path, "/efetch.fcgi"))
    {
      fixture = "efetch-ctpa.xml";
      type = "text/xml";
    }
  if (fixture == NULL)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }
  body = rn_test_load_data ("pubmed", fixture, NULL);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, type, SOUP_MEMORY_COPY,
                                    g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

typedef struct
{
  RnRefreshSummary *summary;
  gboolean          done;
} Result;

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  Result *r = data;

  r->summary = rn_refresher_refresh_finish (RN_REFRESHER (source), result, NULL);
  r->done = TRUE;
}

static void
test_refresher_runs_pubmed (void)
{
  g_autoptr(RnTestServer) server = rn_test_server_new ();
  g_autofree char *base = rn_test_server_url (server, "/entrez/eutils/");
  g_autofree char *dir = NULL;
  g_autoptr(RnContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) feeds = NULL;
  RnPubmedOptions options = { .days = 30 };
  gint64 good = 0, bad = 0;
  Result r = { 0 };
  RnStore *store;

  rn_test_server_add_handler (server, "/entrez/eutils", serve_eutils, NULL);
  g_setenv ("RADNET_PUBMED_URL", base, TRUE);
  context = rn_test_context_new (&dir);
  g_unsetenv ("RADNET_PUBMED_URL");
  store = rn_context_get_store (context);

  g_assert_true (rn_pubmed_source_add (store, "CT pulmonary angiography AND pregnancy", NULL,
                                       &options, 0, &good, &error));
  g_assert_true (rn_pubmed_source_add (store, "((broken", "Broken search", NULL, 0, &bad, &error));
  g_assert_no_error (error);

  rn_refresher_refresh_async (rn_context_get_refresher (context), 0, 0, TRUE, NULL, on_done, &r);
  g_assert_true (rn_test_wait_for (&r.done, 30000));
  g_assert_nonnull (r.summary);
  g_assert_cmpuint (r.summary->ok, ==, 1);
  g_assert_cmpuint (r.summary->new_items, ==, 3);
  g_assert_cmpuint (r.summary->failed, ==, 1);
  while (g_main_context_iteration (NULL, FALSE));

  g_assert_cmpint (rn_sql_query_int (rn_store_get_reader (store),
                   "SELECT count(*) FROM items WHERE type = 'article' AND doi IS NOT NULL", -1), ==, 3);

  feeds = rn_feed_store_list_feeds (store, &error);
  g_assert_cmpuint (feeds->len, ==, 2);
  for (guint i = 0; i < feeds->len; i++)
    {
      RnFeed *feed = g_ptr_array_index (feeds, i);

      g_assert_cmpstr (rn_feed_get_kind (feed), ==, "pubmed");
      if (rn_feed_get_id (feed) == good)
        {
          g_assert_null (rn_feed_get_error (feed));
          g_assert_cmpuint (rn_feed_get_unread_count (feed), ==, 3);
        }
      else
        {
          g_assert_nonnull (rn_feed_get_error (feed));
          g_assert_cmpuint (rn_feed_get_failures (feed), ==, 1);
        }
    }

  rn_refresh_summary_free (r.summary);
  g_clear_object (&context);
  rn_test_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/radnet/core/pubmed/refresher-runs-pubmed", test_refresher_runs_pubmed);
  return g_test_run ();
}
