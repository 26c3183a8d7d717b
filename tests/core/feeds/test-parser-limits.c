/* test-parser-limits.c: the explicit limits on untrusted input. */
#include "config.h"

#include <string.h>

#include "feeds/rn-feed-parser.h"
#include "rn-test-util.h"

static RnParsedFeed *
parse_string (GString  *text,
              GError  **error)
{
  g_autoptr(GBytes) body = g_bytes_new (text->str, text->len);

  return rn_feed_parse (body, NULL, NULL, error);
}

static void
test_document_size (void)
{
  gsize size = RN_FEED_PARSE_MAX_DOCUMENT + 1;
  char *data = g_malloc (size);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RnParsedFeed) feed = NULL;

  memset (data, ' ', size);
  memcpy (data, "<rss>", 5);
  body = g_bytes_new_take (data, size);
  feed = rn_feed_parse (body, NULL, NULL, &error);
  g_assert_null (feed);
  g_assert_error (error, RN_FEED_PARSE_ERROR, RN_FEED_PARSE_ERROR_TOO_LARGE);
}

static void
test_nesting (void)
{
  g_autoptr(GString) text = g_string_new ("<rss version=\"2.0\"><channel>");
  g_autoptr(GError) error = NULL;
  g_autoptr(RnParsedFeed) feed = NULL;

  for (int i = 0; i < RN_FEED_PARSE_MAX_DEPTH + 10; i++)
    g_string_append (text, "<x>");
  feed = parse_string (text, &error);
  g_assert_null (feed);
  g_assert_error (error, RN_FEED_PARSE_ERROR, RN_FEED_PARSE_ERROR_LIMIT);
}

static void
test_json_nesting (void)
{
  g_autoptr(GString) text = g_string_new ("{\"version\": \"https://jsonfeed.org/version/1.1\", \"x\": ");
  g_autoptr(GError) error = NULL;
  g_autoptr(RnParsedFeed) feed = NULL;

  for (int i = 0; i < 100000; i++)
    g_string_append_c (text, '[');
  feed = parse_string (text, &error);
  g_assert_null (feed);
  g_assert_error (error, RN_FEED_PARSE_ERROR, RN_FEED_PARSE_ERROR_LIMIT);
}

static void
test_entries (void)
{
  g_autoptr(GString) text = g_string_new ("<rss version=\"2.0\"><channel><title>many</title>");
  g_autoptr(GError) error = NULL;
  g_autoptr(RnParsedFeed) feed = NULL;

  for (int i = 0; i < RN_FEED_PARSE_MAX_ENTRIES + 1; i++)
    g_string_append (text, "<item/>");
  g_string_append (text, "</channel></rss>");
  feed = parse_string (text, &error);
  g_assert_null (feed);
  g_assert_error (error, RN_FEED_PARSE_ERROR, RN_FEED_PARSE_ERROR_LIMIT);
}

static void
test_entries_at_limit (void)
{
  g_autoptr(GString) text = g_string_new ("<rss version=\"2.0\"><channel><title>many</title>");
  g_autoptr(GError) error = NULL;
  g_autoptr(RnParsedFeed) feed = NULL;

  for (int i = 0; i < 1000; i++)
    g_string_append_printf (text, "<item><guid>%d</guid></item>", i);
  g_string_append (text, "</channel></rss>");
  feed = parse_string (text, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (feed->entries->len, ==, 1000);
}

static void
test_string_length (void)
{
  g_autoptr(GString) text = g_string_new ("<rss version=\"2.0\"><channel><item><description><![CDATA[");
  g_autoptr(GError) error = NULL;
  g_autoptr(RnParsedFeed) feed = NULL;
  gsize n = RN_FEED_PARSE_MAX_STRING + 1024;

  g_string_set_size (text, text->len + n);
  memset (text->str + text->len - n, 'a', n);
  g_string_append (text, "]]></description></item></channel></rss>");
  feed = parse_string (text, &error);
  g_assert_null (feed);
  g_assert_error (error, RN_FEED_PARSE_ERROR, RN_FEED_PARSE_ERROR_LIMIT);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/radnet/core/feeds/limits/document-size", test_document_size);
  g_test_add_func ("/radnet/core/feeds/limits/nesting", test_nesting);
  g_test_add_func ("/radnet/core/feeds/limits/json-nesting", test_json_nesting);
  g_test_add_func ("/radnet/core/feeds/limits/entries", test_entries);
  g_test_add_func ("/radnet/core/feeds/limits/entries-below-limit", test_entries_at_limit);
  g_test_add_func ("/radnet/core/feeds/limits/string-length", test_string_length);
  return g_test_run ();
}
