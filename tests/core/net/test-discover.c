/* test-discover.c: feed autodiscovery: sniffing, <link rel="alternate">
 * parsing, and the whole walk against an in-process server. */
#include "config.h"

#include <string.h>

#include "feeds/rn-discover.h"
#include "rn-test-server.h"
#include "net-test.h"

#define RSS "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>R</title></channel></rss>"

static GBytes *
bytes (const char *text)
{
  return g_bytes_new (text, strlen (text));
}

static RnFeedCandidate *
nth (GPtrArray *a,
     guint      i)
{
  return g_ptr_array_index (a, i);
}

typedef struct
{
  const char *text;
  RnFeedType  type;
} SniffCase;

static void
test_sniff (void)
{
  static const SniffCase cases[] = {
    { RSS, RN_FEED_TYPE_RSS },
    { "\xEF\xBB\xBF  <?xml version=\"1.0\"?>\n<!-- generator -->\n<?xml-stylesheet href=\"a.xsl\"?>"
      "<!DOCTYPE rss>\n<rss version=\"0.91\">", RN_FEED_TYPE_RSS },
    { "<?xml version=\"1.0\"?><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">",
      RN_FEED_TYPE_RSS },
    { "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>A</title></feed>", RN_FEED_TYPE_ATOM },
    { "<atom:feed xmlns:atom=\"http://www.w3.org/2005/Atom\">", RN_FEED_TYPE_ATOM },
    { "{\n  \"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"J\", \"items\": []}",
      RN_FEED_TYPE_JSON },
    { "{\"title\":\"J\",\"version\" : \"https://jsonfeed.org/version/1\"}", RN_FEED_TYPE_JSON },
    { "{\"version\": \"1.0\", \"items\": []}", RN_FEED_TYPE_UNKNOWN },
    { "<!DOCTYPE html><html><head><title>rss</title></head><body><feed></body></html>",
      RN_FEED_TYPE_UNKNOWN },
    { "<rssfeed>", RN_FEED_TYPE_UNKNOWN },
    { "<!-- never closed", RN_FEED_TYPE_UNKNOWN },
    { "<", RN_FEED_TYPE_UNKNOWN },
    { "   ", RN_FEED_TYPE_UNKNOWN },
    { "", RN_FEED_TYPE_UNKNOWN },
    { "Not Found", RN_FEED_TYPE_UNKNOWN },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) b = bytes (cases[i].text);

      g_test_message ("case %u", i);
      g_assert_cmpint (rn_discover_sniff (b), ==, cases[i].type);
    }
}

#define PAGE \
  "<!DOCTYPE html><html><head><title>Journal</title>" \
  "<base href=\"/blog/\">" \
  "<link rel=\"stylesheet\" type=\"text/css\" href=\"style.css\">" \
  "<link rel=\"alternate\" type=\"application/rss+xml\" title=\" Latest issue \" href=\"rss.xml\">" \
  "<link rel=\"Alternate\" type=\"application/atom+xml; charset=utf-8\" href=\"https://cdn.example.org/atom\">" \
  "<link rel=\"alternate\" type=\"application/feed+json\" href=\"../feed.json\" title=\"JSON\">" \
  "<link rel=\"alternate\" type=\"application/json\" href=\"/wp-json/wp/v2/pages/7\">" \
  "<link rel=\"alternate\" type=\"text/html\" hreflang=\"fr\" href=\"/fr/\">" \
  "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"javascript:alert(1)\">" \
  "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"\">" \
  "<link rel=\"alternate\" type=\"application/rss+xml\" href=\"/blog/rss.xml\">" \
  "</head><body><p>Text<link rel=\"alternate\" type=\"application/rdf+xml\" href=\"/rdf\">" \
  "</body></html>"

static void
test_parse_html (void)
{
  g_autoptr(GBytes) html = bytes (PAGE);
  g_autoptr(GPtrArray) found = rn_discover_parse_html (html, "https://www.example.org/journal/current");

  g_assert_cmpuint (found->len, ==, 4);
  g_assert_cmpstr (nth (found, 0)->url, ==, "https://www.example.org/blog/rss.xml");
  g_assert_cmpstr (nth (found, 0)->title, ==, "Latest issue");
  g_assert_cmpint (nth (found, 0)->type, ==, RN_FEED_TYPE_RSS);
  g_assert_cmpstr (nth (found, 1)->url, ==, "https://cdn.example.org/atom");
  g_assert_null (nth (found, 1)->title);
  g_assert_cmpint (nth (found, 1)->type, ==, RN_FEED_TYPE_ATOM);
  g_assert_cmpstr (nth (found, 2)->url, ==, "https://www.example.org/feed.json");
  g_assert_cmpint (nth (found, 2)->type, ==, RN_FEED_TYPE_JSON);
  g_assert_cmpstr (nth (found, 3)->url, ==, "https://www.example.org/rdf");
  g_assert_cmpint (nth (found, 3)->type, ==, RN_FEED_TYPE_RSS);
}

/* Without <base>, relative links resolve against the page. */
static void
test_parse_html_relative (void)
{
  g_autoptr(GBytes) html =
    bytes ("<html><head><link rel=alternate type=application/rss+xml href=feed/rss></head></html>");
  g_autoptr(GPtrArray) found = rn_discover_parse_html (html, "http://example.com/news/index.html");

  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (nth (found, 0)->url, ==, "http://example.com/news/feed/rss");
}

/* Hostile pages: nothing found, nothing crashes, the count is capped. */
static void
test_parse_html_hostile (void)
{
  GString *deep = g_string_new ("<html><body>");
  GString *many = g_string_new ("<html><head>");
  g_autoptr(GBytes) b1 = NULL;
  g_autoptr(GBytes) b2 = NULL;
  g_autoptr(GBytes) b3 = bytes ("\x00\xff\xfe<<<>>>&&&;;");
  g_autoptr(GBytes) b4 = g_bytes_new (NULL, 0);
  g_autoptr(GPtrArray) f1 = NULL;
  g_autoptr(GPtrArray) f2 = NULL;
  g_autoptr(GPtrArray) f3 = NULL;
  g_autoptr(GPtrArray) f4 = NULL;

  for (guint i = 0; i < 100000; i++)
    g_string_append (deep, "<div>");
  g_string_append (deep, "<link rel=alternate type=application/rss+xml href=/deep>");
  b1 = g_string_free_to_bytes (deep);
  f1 = rn_discover_parse_html (b1, "http://example.com/");
  g_assert_cmpuint (f1->len, <=, 1);

  for (guint i = 0; i < 1000; i++)
    g_string_append_printf (many, "<link rel=alternate type=application/rss+xml href=/f%u>", i);
  b2 = g_string_free_to_bytes (many);
  f2 = rn_discover_parse_html (b2, "http://example.com/");
  g_assert_cmpuint (f2->len, ==, RN_DISCOVER_MAX_CANDIDATES);

  f3 = rn_discover_parse_html (b3, "http://example.com/");
  g_assert_cmpuint (f3->len, ==, 0);
  f4 = rn_discover_parse_html (b4, "http://example.com/");
  g_assert_cmpuint (f4->len, ==, 0);
}

/* Against a server ----------------------------------------------------- */

typedef struct
{
  GPtrArray *found;
  GError    *error;
  gboolean   done;
} Found;

static void
on_discovered (GObject      *object,
               GAsyncResult *result,
               gpointer      data)
{
  Found *f = data;

  f->found = rn_discover_finish (RN_HTTP (object), result, &f->error);
  f->done = TRUE;
}

static GPtrArray *
discover (RnHttp      *http,
          const char  *url,
          GError     **error)
{
  Found f = { 0 };
  gboolean expired = FALSE;
  guint id = g_timeout_add (10000, net_on_expired, &expired);

  rn_discover_async (http, url, NULL, on_discovered, &f);
  while (!f.done && !expired)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (f.done);
  g_source_remove (id);
  g_assert_true ((f.found == NULL) == (f.error != NULL));
  if (f.error != NULL)
    g_propagate_error (error, f.error);
  return f.found;
}

static void
finish_http (RnHttp *http)
{
  net_drain (20);
  g_assert_finalize_object (http);
}

static void
test_discover_links (void)
{
  g_autoptr(RnTestServer) server = rn_test_server_new ();
  RnHttp *http = rn_http_new ();
  g_autoptr(GBytes) page = bytes ("<html><head><base href=\"/journal/\">"
                                  "<link rel=\"alternate\" type=\"application/atom+xml\" "
                                  "title=\"Current issue\" href=\"current.atom\"></head></html>");
  g_autoptr(GBytes) feed = bytes (RSS);
  g_autofree char *u = rn_test_server_url (server, "/index.html");
  g_autofree char *expected = rn_test_server_url (server, "/journal/current.atom");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = NULL;

  rn_test_server_add_bytes (server, "/index.html", "text/html", page);
  rn_test_server_add_bytes (server, "/feed", "application/rss+xml", feed);
  found = discover (http, u, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (nth (found, 0)->url, ==, expected);
  g_assert_cmpstr (nth (found, 0)->title, ==, "Current issue");
  g_assert_cmpint (nth (found, 0)->type, ==, RN_FEED_TYPE_ATOM);
  /* announced feeds are enough: no probing */
  g_assert_cmpuint (rn_test_server_get_hits (server, "/feed"), ==, 0);
  finish_http (http);
}

/* No links on the page: the usual paths are tried, and only real feeds
 * are kept (an HTML page served as 200 at /rss.xml is not one). */
static void
test_discover_common_paths (void)
{
  g_autoptr(RnTestServer) server = rn_test_server_new ();
  RnHttp *http = rn_http_new ();
  g_autoptr(GBytes) page = bytes ("<html><head><title>Society</title></head><body>News</body></html>");
  g_autoptr(GBytes) feed = bytes (RSS);
  g_autofree char *u = rn_test_server_url (server, "/about/");
  g_autofree char *expected = rn_test_server_url (server, "/feed");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = NULL;

  rn_test_server_add_bytes (server, "/about/", "text/html", page);
  rn_test_server_add_bytes (server, "/feed", "text/xml", feed);
  rn_test_server_add_bytes (server, "/rss.xml", "text/html", page);
  found = discover (http, u, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (nth (found, 0)->url, ==, expected);
  g_assert_cmpint (nth (found, 0)->type, ==, RN_FEED_TYPE_RSS);
  g_assert_cmpuint (rn_test_server_get_hits (server, "/feed"), ==, 1);
  g_assert_cmpuint (rn_test_server_get_hits (server, "/rss.xml"), ==, 1);
  g_assert_cmpuint (rn_test_server_get_hits (server, "/atom.xml"), ==, 1);
  g_assert_cmpuint (rn_test_server_get_hits (server, "/feeds/posts/default"), ==, 1);
  finish_http (http);
}

static void
test_discover_direct (void)
{
  g_autoptr(RnTestServer) server = rn_test_server_new ();
  RnHttp *http = rn_http_new ();
  g_autoptr(GBytes) feed = bytes ("{\"version\":\"https://jsonfeed.org/version/1.1\",\"items\":[]}");
  g_autofree char *u = rn_test_server_url (server, "/feed.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = NULL;

  /* served with a misleading type: the body decides */
  rn_test_server_add_bytes (server, "/feed.json", "text/plain", feed);
  found = discover (http, u, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (nth (found, 0)->url, ==, u);
  g_assert_cmpint (nth (found, 0)->type, ==, RN_FEED_TYPE_JSON);
  g_assert_cmpuint (rn_test_server_get_hits (server, "/feed"), ==, 0);
  finish_http (http);
}

static void
serve_moved (SoupServer        *server,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query,
             gpointer           data)
{
  soup_server_message_set_redirect (msg, SOUP_STATUS_MOVED_PERMANENTLY, "/new.xml");
}

/* A feed that moved for good is proposed at its new address. */
static void
test_discover_moved (void)
{
  g_autoptr(RnTestServer) server = rn_test_server_new ();
  RnHttp *http = rn_http_new ();
  g_autoptr(GBytes) feed = bytes (RSS);
  g_autofree char *u = rn_test_server_url (server, "/old.xml");
  g_autofree char *expected = rn_test_server_url (server, "/new.xml");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = NULL;

  rn_test_server_add_handler (server, "/old.xml", serve_moved, NULL);
  rn_test_server_add_bytes (server, "/new.xml", "application/rss+xml", feed);
  found = discover (http, u, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (nth (found, 0)->url, ==, expected);
  finish_http (http);
}

static void
test_discover_nothing (void)
{
  g_autoptr(RnTestServer) server = rn_test_server_new ();
  RnHttp *http = rn_http_new ();
  g_autoptr(GBytes) page = bytes ("<html><body>Nothing here</body></html>");
  g_autofree char *u = rn_test_server_url (server, "/");
  g_autofree char *missing = rn_test_server_url (server, "/missing");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) found = NULL;

  rn_test_server_add_bytes (server, "/", "text/html", page);
  found = discover (http, u, &error);
  g_assert_error (error, RN_DISCOVER_ERROR, RN_DISCOVER_ERROR_NO_FEED);
  g_assert_null (found);
  g_clear_error (&error);

  found = discover (http, missing, &error);
  g_assert_error (error, RN_HTTP_ERROR, RN_HTTP_ERROR_NOT_FOUND);
  finish_http (http);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/radnet/core/net/discover/sniff", test_sniff);
  g_test_add_func ("/radnet/core/net/discover/parse-html", test_parse_html);
  g_test_add_func ("/radnet/core/net/discover/parse-html-relative", test_parse_html_relative);
  g_test_add_func ("/radnet/core/net/discover/parse-html-hostile", test_parse_html_hostile);
  g_test_add_func ("/radnet/core/net/discover/links", test_discover_links);
  g_test_add_func ("/radnet/core/net/discover/common-paths", test_discover_common_paths);
  g_test_add_func ("/radnet/core/net/discover/direct", test_discover_direct);
  g_test_add_func ("/radnet/core/net/discover/moved", test_discover_moved);
  g_test_add_func ("/radnet/core/net/discover/nothing", test_discover_nothing);

  return g_test_run ();
}
