/* test-parser.c: rn_feed_parse() on fixtures for each format, namespace
 * and encoding (tests/data/feeds/). */
#include "config.h"

#include <string.h>

#include "feeds/rn-feed-date.h"
#include "feeds/rn-feed-parser.h"
#include "rn-test-util.h"

static RnParsedFeed *
parse_fixture (const char  *name,
               const char  *content_type,
               const char  *base,
               GError     **error)
{
  g_autoptr(GBytes) body = rn_test_load_data ("feeds", name, NULL);

  return rn_feed_parse (body, content_type, base, error);
}

static RnParsedFeed *
parse_ok (const char *name,
          const char *content_type,
          const char *base)
{
  g_autoptr(GError) error = NULL;
  RnParsedFeed *feed = parse_fixture (name, content_type, base, &error);

  g_assert_no_error (error);
  g_assert_nonnull (feed);
  return feed;
}

static RnParsedEntry *
entry (RnParsedFeed *feed,
       guint         i)
{
  g_assert_cmpuint (i, <, feed->entries->len);
  return feed->entries->pdata[i];
}

static void
assert_date (gint64      date,
             const char *expected)
{
  g_autofree char *iso = rn_feed_date_to_iso8601 (date);

  g_assert_cmpstr (iso, ==, expected);
}

/* ---- the table: every fixture, its format, title, count, well-formedness */

typedef struct
{
  const char   *file;
  const char   *content_type;
  RnFeedFormat  format;
  const char   *title;
  guint         n_entries;
  gboolean      recovered;
  const char   *encoding;
} FeedCase;

static const FeedCase feed_cases[] = {
  { "rss20-basic.xml", "application/rss+xml", RN_FEED_FORMAT_RSS20, "Radiology Weekly", 2, FALSE, "utf-8" },
  { "rss091.xml", NULL, RN_FEED_FORMAT_RSS091, "Old Style Feed", 1, TRUE, "utf-8" },
  { "rss092.xml", NULL, RN_FEED_FORMAT_RSS092, "Version 0.92", 1, FALSE, "utf-8" },
  { "rss090.xml", NULL, RN_FEED_FORMAT_RSS090, "RSS 0.90 Feed", 1, FALSE, "utf-8" },
  { "rss10-journal.xml", NULL, RN_FEED_FORMAT_RSS10, "Journal of Example Radiology", 3, FALSE, "utf-8" },
  { "atom10.xml", "application/atom+xml", RN_FEED_FORMAT_ATOM10, "Example Atom Blog", 2, FALSE, "utf-8" },
  { "atom03.xml", NULL, RN_FEED_FORMAT_ATOM03, "Atom Zero Three", 1, FALSE, "utf-8" },
  { "json-feed-11.json", "application/feed+json", RN_FEED_FORMAT_JSON11, "JSON Radiology", 2, FALSE, "utf-8" },
  { "json-feed-10.json", NULL, RN_FEED_FORMAT_JSON10, "JSON One", 1, FALSE, "utf-8" },
  { "podcast.xml", NULL, RN_FEED_FORMAT_RSS20, "Radiology Podcast", 1, FALSE, "utf-8" },
  { "latin1-declared.xml", NULL, RN_FEED_FORMAT_RSS20, "Zürich Radiologie – Ärzte", 1, FALSE, "iso-8859-1" },
  { "cp1252-declared-utf8.xml", NULL, RN_FEED_FORMAT_RSS20, "Wrong declaration: naïve “quotes”", 0, TRUE, "windows-1252" },
  { "cp1252-http-charset.xml", "text/xml; charset=windows-1252", RN_FEED_FORMAT_RSS20, "Served as windows-1252: €uro", 0, FALSE, "windows-1252" },
  { "cp1252-http-charset.xml", "text/xml; charset=\"Windows-1252\"", RN_FEED_FORMAT_RSS20, "Served as windows-1252: €uro", 0, FALSE, "windows-1252" },
  { "utf16le-bom.xml", NULL, RN_FEED_FORMAT_RSS20, "UTF-16 ☢ feed", 0, FALSE, "utf-16le" },
  { "utf16le-bom.xml", "text/xml; charset=iso-8859-1", RN_FEED_FORMAT_RSS20, "UTF-16 ☢ feed", 0, FALSE, "utf-16le" },
  { "utf8-bom.xml", NULL, RN_FEED_FORMAT_RSS20, "BOM ✓", 0, FALSE, "utf-8" },
  { "malformed-unclosed.xml", NULL, RN_FEED_FORMAT_RSS20, "Broken feed", 2, TRUE, "utf-8" },
  { "html-entities.xml", NULL, RN_FEED_FORMAT_RSS20, "Café\u00a0Radiology — © 2025", 1, TRUE, "utf-8" },
  { "xxe-file.xml", NULL, RN_FEED_FORMAT_RSS20, "XXE &xxe; end", 1, TRUE, "utf-8" },
  { "xxe-parameter.xml", NULL, RN_FEED_FORMAT_RSS20, "Parameter entity", 0, FALSE, "utf-8" },
  { "billion-laughs.xml", NULL, RN_FEED_FORMAT_RSS20, "Laughs &lol9;", 1, TRUE, "utf-8" },
  { "guids-a.xml", NULL, RN_FEED_FORMAT_RSS20, "GUIDs", 4, FALSE, "utf-8" },
};

static void
test_feed_case (gconstpointer data)
{
  const FeedCase *c = data;
  g_autoptr(RnParsedFeed) feed = parse_ok (c->file, c->content_type, "https://feeds.example.org/feed");

  g_assert_cmpint (feed->format, ==, c->format);
  g_assert_cmpstr (feed->title, ==, c->title);
  g_assert_cmpuint (feed->entries->len, ==, c->n_entries);
  g_assert_cmpint (feed->recovered, ==, c->recovered);
  g_assert_cmpstr (feed->encoding, ==, c->encoding);
  if (c->recovered)
    g_assert_nonnull (feed->error);
  else
    g_assert_null (feed->error);
}

/* ---- formats in detail */

static void
test_rss20 (void)
{
  g_autoptr(RnParsedFeed) feed = parse_ok ("rss20-basic.xml", NULL, "https://radiology.example.org/feed.xml");
  RnParsedEntry *e = entry (feed, 0);
  RnEnclosure *enc;

  g_assert_cmpstr (feed->link, ==, "https://radiology.example.org/");
  g_assert_cmpstr (feed->self_link, ==, "https://radiology.example.org/feed.xml");
  g_assert_cmpstr (feed->description, ==, "News for <b>radiologists</b>");
  g_assert_cmpstr (feed->lang, ==, "en-GB");
  g_assert_cmpstr (feed->image, ==, "https://radiology.example.org/logo.png");
  g_assert_cmpint (feed->ttl, ==, 3600);
  assert_date (feed->updated, "2025-06-02T08:00:00Z");

  g_assert_cmpstr (e->title, ==, "Low-dose CT in screening");
  g_assert_cmpstr (e->link, ==, "https://radiology.example.org/articles/1");
  g_assert_cmpstr (e->id, ==, "article-0001");
  g_assert_cmpstr (e->summary, ==, "<p>Short <em>summary</em></p>");
  g_assert_cmpstr (e->content, ==, "<p>Full text with <a href=\"/x\">a link</a></p>");
  g_assert_cmpstr (e->comments, ==, "https://radiology.example.org/articles/1#comments");
  g_assert_cmpstr (e->base, ==, "https://radiology.example.org/feed.xml");
  assert_date (e->published, "2025-06-01T08:30:00Z");
  g_assert_cmpuint (e->authors->len, ==, 1);
  g_assert_cmpstr (e->authors->pdata[0], ==, "Jane Doe");
  g_assert_cmpuint (e->categories->len, ==, 2);
  g_assert_cmpstr (e->categories->pdata[1], ==, "Screening");
  g_assert_cmpuint (e->enclosures->len, ==, 1);
  enc = e->enclosures->pdata[0];
  g_assert_cmpstr (enc->url, ==, "https://radiology.example.org/audio/1.mp3");
  g_assert_cmpstr (enc->type, ==, "audio/mpeg");
  g_assert_cmpint (enc->length, ==, 123456);

  /* A permalink guid stands in for the missing link. */
  e = entry (feed, 1);
  g_assert_cmpstr (e->link, ==, "https://radiology.example.org/articles/2");
  assert_date (e->published, "2025-05-31T13:00:00Z");
}

static void
test_rss091_entities (void)
{
  g_autoptr(RnParsedFeed) feed = parse_ok ("rss091.xml", NULL, NULL);

  /* &nbsp; comes from HTML, not XML: read, but the feed is flagged. */
  g_assert_cmpstr (feed->description, ==, "Netscape's format\u00a00.91");
  g_assert_cmpstr (entry (feed, 0)->title, ==, "First & only");
  g_assert_cmpstr (feed->lang, ==, "en-us");
}

static void
test_rss10_journal (void)
{
  g_autoptr(RnParsedFeed) feed = parse_ok ("rss10-journal.xml", NULL, NULL);
  RnParsedEntry *e = entry (feed, 0);

  g_assert_cmpstr (feed->lang, ==, "en");
  g_assert_cmpstr (e->id, ==, "https://journal.example.org/a/1");
  g_assert_cmpstr (e->doi, ==, "10.1234/JER.2025.001");
  g_assert_cmpstr (e->publication_name, ==, "Journal of Example Radiology");
  g_assert_cmpstr (e->volume, ==, "12");
  g_assert_cmpstr (e->number, ==, "3");
  g_assert_cmpstr (e->starting_page, ==, "101");
  g_assert_cmpstr (e->cover_date, ==, "2025-06-01");
  g_assert_cmpuint (e->authors->len, ==, 2);
  g_assert_cmpstr (e->authors->pdata[0], ==, "Ann Author");
  g_assert_cmpstr (e->authors->pdata[1], ==, "Bob Builder");
  assert_date (e->updated, "2025-05-20T00:00:00Z");
  assert_date (e->published, "2025-05-20T00:00:00Z");
  g_assert_cmpstr (e->summary, ==, "Abstract text");

  /* info:doi/ in dc:identifier, a doi.org link with an escaped slash */
  g_assert_cmpstr (entry (feed, 1)->doi, ==, "10.5555/abc-2");
  g_assert_cmpstr (entry (feed, 2)->doi, ==, "10.7777/xyz/3");
}

static void
test_atom10 (void)
{
  g_autoptr(RnParsedFeed) feed = parse_ok ("atom10.xml", NULL, "https://elsewhere.example.org/feeds/atom");
  RnParsedEntry *e = entry (feed, 0);
  RnEnclosure *enc;

  /* xml:base on the root overrides the document address */
  g_assert_cmpstr (feed->link, ==, "https://blog.example.org/");
  g_assert_cmpstr (feed->self_link, ==, "https://blog.example.org/atom.xml");
  g_assert_cmpstr (feed->image, ==, "https://blog.example.org/logo.png");
  g_assert_cmpstr (feed->description, ==, "About things");
  g_assert_cmpstr (feed->lang, ==, "en");
  assert_date (feed->updated, "2025-06-01T12:00:00Z");

  g_assert_cmpstr (e->title, ==, "First post");
  g_assert_cmpstr (e->link, ==, "https://blog.example.org/posts/first.html");
  /* identity: trimmed, scheme/authority folded only for URLs */
  g_assert_cmpstr (e->id, ==, "TAG:Blog.Example.org,2025:1");
  assert_date (e->published, "2025-05-30T06:00:00Z");
  assert_date (e->updated, "2025-05-31T08:00:00Z");
  g_assert_cmpuint (e->authors->len, ==, 2);
  g_assert_cmpstr (e->authors->pdata[0], ==, "Carol Writer");
  g_assert_cmpstr (e->authors->pdata[1], ==, "only-email@example.org");
  g_assert_cmpstr (e->categories->pdata[0], ==, "ultrasound");
  g_assert_cmpstr (e->doi, ==, "10.1000/ATOM.1");
  /* text summaries become HTML; inline XHTML loses its wrapping div */
  g_assert_cmpstr (e->summary, ==, "Plain &lt;text&gt; summary");
  g_assert_cmpstr (e->content, ==, "<p>Hello <b>world</b><br />line &amp; more</p>");
  g_assert_cmpstr (e->base, ==, "https://blog.example.org/posts/");
  enc = e->enclosures->pdata[0];
  g_assert_cmpstr (enc->url, ==, "https://blog.example.org/posts/first.ogg");
  g_assert_cmpint (enc->length, ==, 4242);

  e = entry (feed, 1);
  g_assert_cmpstr (e->title, ==, "Second post");
  g_assert_cmpstr (e->id, ==, "https://blog.example.org/Posts/Second");
  g_assert_cmpstr (e->content, ==, "<p>html content</p>");
  assert_date (e->updated, "2025-05-29T00:00:00Z");
  g_assert_null (e->link);
}

static void
test_atom03 (void)
{
  g_autoptr(RnParsedFeed) feed = parse_ok ("atom03.xml", NULL, NULL);
  RnParsedEntry *e = entry (feed, 0);

  g_assert_cmpstr (feed->description, ==, "A tagline");
  assert_date (feed->updated, "2004-01-01T19:48:21Z");
  g_assert_cmpstr (e->title, ==, "Base64 title");
  g_assert_cmpstr (e->content, ==, "<p>Escaped</p>");
  assert_date (e->published, "2003-12-31T10:14:55Z");
  assert_date (e->updated, "2004-01-02T00:48:21Z");
}

static void
test_json (void)
{
  g_autoptr(RnParsedFeed) feed = parse_ok ("json-feed-11.json", NULL, "https://json.example.org/feed.json");
  g_autoptr(RnParsedFeed) old = parse_ok ("json-feed-10.json", NULL, NULL);
  RnParsedEntry *e = entry (feed, 0);
  RnEnclosure *enc;

  g_assert_cmpstr (feed->link, ==, "https://json.example.org/");
  g_assert_cmpstr (feed->image, ==, "https://json.example.org/icon.png");
  g_assert_cmpstr (e->id, ==, "1");
  g_assert_cmpstr (e->link, ==, "https://json.example.org/posts/1");
  g_assert_cmpstr (e->content, ==, "<p>Body</p>");
  g_assert_cmpstr (e->summary, ==, "Short &amp; sweet");
  assert_date (e->published, "2025-05-01T17:00:00Z");
  assert_date (e->updated, "2025-05-02T10:00:00Z");
  g_assert_cmpuint (e->categories->len, ==, 2);
  g_assert_cmpstr (e->authors->pdata[0], ==, "Feed Author");
  enc = e->enclosures->pdata[0];
  g_assert_cmpstr (enc->type, ==, "audio/mpeg");
  g_assert_cmpint (enc->length, ==, 999);

  e = entry (feed, 1);
  g_assert_cmpstr (e->id, ==, "2");
  g_assert_cmpstr (e->content, ==, "Plain &lt;text&gt;");
  g_assert_cmpuint (e->authors->len, ==, 1);

  g_assert_cmpstr (entry (old, 0)->authors->pdata[0], ==, "Solo");
}

static void
test_podcast (void)
{
  g_autoptr(RnParsedFeed) feed = parse_ok ("podcast.xml", NULL, NULL);
  RnParsedEntry *e = entry (feed, 0);
  RnEnclosure *enc;

  g_assert_cmpstr (feed->image, ==, "https://pod.example.org/cover.jpg");
  g_assert_cmpstr (e->duration, ==, "00:42:17");
  g_assert_cmpstr (e->episode, ==, "7");
  g_assert_cmpstr (e->image, ==, "https://pod.example.org/ep7.jpg");
  g_assert_cmpstr (e->thumbnail, ==, "https://pod.example.org/ep7-thumb.jpg");
  g_assert_cmpstr (e->authors->pdata[0], ==, "Dr. Host");
  g_assert_cmpstr (e->summary, ==, "Talk about &lt;contrast&gt;");
  /* the enclosure and media:content of the same file are one, and the
   * size only media:content knew is kept */
  g_assert_cmpuint (e->enclosures->len, ==, 2);
  enc = e->enclosures->pdata[0];
  g_assert_cmpstr (enc->url, ==, "https://pod.example.org/ep7.mp3");
  g_assert_cmpint (enc->length, ==, 31415926);
  enc = e->enclosures->pdata[1];
  g_assert_cmpstr (enc->type, ==, "audio/ogg");
}

/* ---- broken and hostile input */

static void
test_malformed (void)
{
  g_autoptr(RnParsedFeed) feed = parse_ok ("malformed-unclosed.xml", NULL, NULL);

  g_assert_true (feed->recovered);
  g_assert_cmpstr (entry (feed, 0)->link, ==, "http://broken.example.org/1?a=1&b=2");
  g_assert_cmpstr (entry (feed, 0)->title, ==, "Item one");
}

static void
test_entities (void)
{
  g_autoptr(RnParsedFeed) feed = parse_ok ("html-entities.xml", NULL, NULL);

  /* unknown entities stay visible as text; &#X41; is read as A */
  g_assert_cmpstr (entry (feed, 0)->title, ==, "&unknownentity; stays A");
  g_assert_true (feed->recovered);
}

static void
test_xxe (void)
{
  g_autoptr(RnParsedFeed) feed = parse_ok ("xxe-file.xml", NULL, NULL);
  RnParsedEntry *e = entry (feed, 0);

  /* The external entity is never read. */
  g_assert_null (strstr (feed->title, "root:"));
  g_assert_true (e->summary == NULL || strstr (e->summary, "root:") == NULL);
  g_assert_cmpstr (e->summary, ==, "&xxe;");
}

static void
test_billion_laughs (void)
{
  g_autoptr(RnParsedFeed) feed = NULL;
  gint64 start = g_get_monotonic_time ();

  feed = parse_ok ("billion-laughs.xml", NULL, NULL);
  /* Not expanded: no gigabyte of "lol", no waiting. */
  g_assert_cmpuint (strlen (feed->title), <, 100);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_USEC_PER_SEC);
}

static void
test_not_a_feed (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RnParsedFeed) feed = parse_fixture ("not-a-feed.html", "text/html", NULL, &error);

  g_assert_null (feed);
  g_assert_error (error, RN_FEED_PARSE_ERROR, RN_FEED_PARSE_ERROR_NOT_A_FEED);
}

typedef struct
{
  const char *text;
  int         code;
} BadCase;

static const BadCase bad_cases[] = {
  { "", RN_FEED_PARSE_ERROR_EMPTY },
  { "   \n\t ", RN_FEED_PARSE_ERROR_EMPTY },
  { "<", RN_FEED_PARSE_ERROR_MALFORMED },
  { "plain text, not markup", RN_FEED_PARSE_ERROR_MALFORMED },
  { "<?xml version=\"1.0\"?>", RN_FEED_PARSE_ERROR_MALFORMED },
  { "<opml version=\"2.0\"><body/></opml>", RN_FEED_PARSE_ERROR_NOT_A_FEED },
  { "{\"not\": \"a feed\"}", RN_FEED_PARSE_ERROR_NOT_A_FEED },
  { "{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [", RN_FEED_PARSE_ERROR_MALFORMED },
  { "[1, 2, 3]", RN_FEED_PARSE_ERROR_MALFORMED },
};

static void
test_bad_input (gconstpointer data)
{
  const BadCase *c = data;
  g_autoptr(GBytes) body = g_bytes_new_static (c->text, strlen (c->text));
  g_autoptr(GError) error = NULL;
  g_autoptr(RnParsedFeed) feed = rn_feed_parse (body, NULL, NULL, &error);

  g_assert_null (feed);
  g_assert_error (error, RN_FEED_PARSE_ERROR, c->code);
}

static void
test_unsafe_links (void)
{
  const char *text =
    "<rss version=\"2.0\"><channel><title>t</title><link>javascript:alert(1)</link>"
    "<item><title>i</title><link>JavaScript:alert(2)</link>"
    "<enclosure url=\"data:text/html,x\" type=\"text/html\"/></item></channel></rss>";
  g_autoptr(GBytes) body = g_bytes_new_static (text, strlen (text));
  g_autoptr(RnParsedFeed) feed = rn_feed_parse (body, NULL, "javascript:void(0)", NULL);

  g_assert_nonnull (feed);
  g_assert_null (feed->link);
  g_assert_null (entry (feed, 0)->link);
  g_assert_cmpuint (entry (feed, 0)->enclosures->len, ==, 0);
}

static void
test_invalid_utf8_out (void)
{
  /* Declared UTF-8, one stray byte: everything comes out valid UTF-8. */
  const char text[] = "<rss version=\"2.0\"><channel><title>caf\xe9 \xc3\xa9</title></channel></rss>";
  g_autoptr(GBytes) body = g_bytes_new_static (text, sizeof text - 1);
  g_autoptr(RnParsedFeed) feed = rn_feed_parse (body, "application/xml; charset=utf-8", NULL, NULL);

  g_assert_nonnull (feed);
  g_assert_true (g_utf8_validate (feed->title, -1, NULL));
  g_assert_true (feed->recovered);
}

static gpointer
parse_in_thread (gpointer data)
{
  return rn_feed_parse (data, NULL, "https://threads.example.org/", NULL);
}

static void
test_threads (void)
{
  /* Pure and thread-safe: the same feed parsed on several threads at
   * once gives the same result everywhere. */
  g_autoptr(GBytes) body = rn_test_load_data ("feeds", "atom10.xml", NULL);
  GThread *threads[4];
  RnParsedFeed *feeds[G_N_ELEMENTS (threads)];

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("parse", parse_in_thread, body);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    feeds[i] = g_thread_join (threads[i]);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      g_assert_nonnull (feeds[i]);
      g_assert_cmpstr (feeds[i]->title, ==, feeds[0]->title);
      g_assert_cmpuint (feeds[i]->entries->len, ==, 2);
      g_assert_cmpstr (entry (feeds[i], 0)->content, ==, entry (feeds[0], 0)->content);
    }
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    rn_parsed_feed_free (feeds[i]);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (feed_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/radnet/core/feeds/parser/fixture/%02" G_GSIZE_FORMAT "-%s",
                                               i, feed_cases[i].file);

      g_test_add_data_func (path, &feed_cases[i], test_feed_case);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/radnet/core/feeds/parser/bad-input/%02" G_GSIZE_FORMAT, i);

      g_test_add_data_func (path, &bad_cases[i], test_bad_input);
    }
  g_test_add_func ("/radnet/core/feeds/parser/rss20", test_rss20);
  g_test_add_func ("/radnet/core/feeds/parser/rss091-entities", test_rss091_entities);
  g_test_add_func ("/radnet/core/feeds/parser/rss10-journal", test_rss10_journal);
  g_test_add_func ("/radnet/core/feeds/parser/atom10", test_atom10);
  g_test_add_func ("/radnet/core/feeds/parser/atom03", test_atom03);
  g_test_add_func ("/radnet/core/feeds/parser/json", test_json);
  g_test_add_func ("/radnet/core/feeds/parser/podcast", test_podcast);
  g_test_add_func ("/radnet/core/feeds/parser/malformed", test_malformed);
  g_test_add_func ("/radnet/core/feeds/parser/entities", test_entities);
  g_test_add_func ("/radnet/core/feeds/parser/xxe", test_xxe);
  g_test_add_func ("/radnet/core/feeds/parser/billion-laughs", test_billion_laughs);
  g_test_add_func ("/radnet/core/feeds/parser/not-a-feed", test_not_a_feed);
  g_test_add_func ("/radnet/core/feeds/parser/unsafe-links", test_unsafe_links);
  g_test_add_func ("/radnet/core/feeds/parser/invalid-utf8", test_invalid_utf8_out);
  g_test_add_func ("/radnet/core/feeds/parser/threads", test_threads);
  return g_test_run ();
}
