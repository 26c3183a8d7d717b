/* radnet-cli add (with autodiscovery), refresh and list against an
 * in-process server. */
#include "config.h"

#include <json-glib/json-glib.h>

#include "rn-cli-test.h"
#include "rn-test-server.h"
#include "rn-test-util.h"

static const char page[] =
  "<!DOCTYPE html><html><head><title>Journal</title>"
  "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"Current issue\" href=\"/toc.rss\">"
  "</head><body><p>Welcome</p></body></html>";

static const char two_feeds[] =
  "<!DOCTYPE html><html><head>"
  "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"Current issue\" href=\"/toc.rss\">"
  "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Ahead of print\" href=\"/ahead.atom\">"
  "</head><body></body></html>";

static const char toc[] =
  "<?xml version=\"1.0\"?><rss version=\"2.0\" xmlns:prism=\"http://prismstandard.org/namespaces/basic/2.0/\">"
  "<channel><title>Journal of Imaging: current issue</title><link>https://journal.example.org/</link>"
  "<item><title>CT pulmonary angiography in pregnancy</title><link>https://journal.example.org/a1</link>"
  "<guid>a1</guid><pubDate>Tue, 03 Jun 2025 08:00:00 GMT</pubDate><prism:doi>10.1148/radiol.250001</prism:doi></item>"
  "<item><title>Lung nodules: follow-up</title><link>https://journal.example.org/a2</link>"
  "<guid>a2</guid><pubDate>Mon, 02 Jun 2025 08:00:00 GMT</pubDate></item>"
  "</channel></rss>";

static JsonNode *
parse (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static void
test_add_refresh_list (void)
{
  g_autoptr(RnTestServer) server = rn_test_server_new ();
  g_autofree char *dir = rn_test_mkdtemp ();
  g_autofree char *page_url = rn_test_server_url (server, "/journal");
  g_autofree char *feed_url = rn_test_server_url (server, "/toc.rss");
  g_autoptr(GBytes) page_bytes = g_bytes_new_static (page, sizeof page - 1);
  g_autoptr(GBytes) toc_bytes = g_bytes_new_static (toc, sizeof toc - 1);
  g_autoptr(RnCliRun) add = NULL, first = NULL, second = NULL, items = NULL, feeds = NULL;
  g_autoptr(JsonNode) summary = NULL, list = NULL, feed_list = NULL;
  JsonObject *s, *feed;
  JsonArray *array;

  rn_test_server_add_bytes (server, "/journal", "text/html", page_bytes);
  rn_test_server_add_bytes (server, "/toc.rss", "application/rss+xml", toc_bytes);

  add = rn_cli_run (dir, NULL, "add", page_url, NULL);
  g_assert_cmpint (add->status, ==, 0);
  g_assert_nonnull (strstr (add->out, feed_url));

  first = rn_cli_run (dir, NULL, "refresh", "--json", NULL);
  g_assert_cmpint (first->status, ==, 0);
  summary = parse (first->out);
  s = json_node_get_object (summary);
  g_assert_cmpint (json_object_get_int_member (s, "ok"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (s, "not_modified"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (s, "failed"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (s, "new_items"), ==, 2);
  g_assert_true (json_object_has_member (s, "seconds"));

  /* Validators survive the process: the next run gets a 304. */
  second = rn_cli_run (dir, NULL, "refresh", NULL);
  g_assert_cmpint (second->status, ==, 0);
  g_assert_nonnull (strstr (second->out, "1 not modified"));
  g_assert_cmpuint (rn_test_server_get_304s (server, "/toc.rss"), ==, 1);

  items = rn_cli_run (dir, NULL, "list", "items", "--json", NULL);
  list = parse (items->out);
  array = json_node_get_array (list);
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0), "title"),
                   ==, "CT pulmonary angiography in pregnancy");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0), "published"),
                   ==, "2025-06-03T08:00:00Z");

  feeds = rn_cli_run (dir, NULL, "list", "feeds", "--json", NULL);
  feed_list = parse (feeds->out);
  feed = json_array_get_object_element (json_node_get_array (feed_list), 0);
  g_assert_cmpstr (json_object_get_string_member (feed, "title"), ==, "Journal of Imaging: current issue");
  g_assert_cmpint (json_object_get_int_member (feed, "unread"), ==, 2);
  g_assert_nonnull (json_object_get_string_member (feed, "last_success"));

  rn_test_rmdir (dir);
}

static void
test_candidates_and_failures (void)
{
  g_autoptr(RnTestServer) server = rn_test_server_new ();
  g_autofree char *dir = rn_test_mkdtemp ();
  g_autofree char *page_url = rn_test_server_url (server, "/two");
  g_autofree char *missing = rn_test_server_url (server, "/missing.rss");
  g_autoptr(GBytes) two = g_bytes_new_static (two_feeds, sizeof two_feeds - 1);
  g_autoptr(RnCliRun) add = NULL, add_missing = NULL, refresh = NULL, text = NULL;
  g_autoptr(JsonNode) summary = NULL;
  JsonObject *s;

  rn_test_server_add_bytes (server, "/two", "text/html", two);

  add = rn_cli_run (dir, NULL, "add", page_url, NULL);
  g_assert_cmpint (add->status, ==, 1);
  g_assert_nonnull (strstr (add->out, "/toc.rss\tCurrent issue"));
  g_assert_nonnull (strstr (add->out, "/ahead.atom\tAhead of print"));

  add_missing = rn_cli_run (dir, NULL, "add", "--no-discover", missing, NULL);
  g_assert_cmpint (add_missing->status, ==, 0);
  refresh = rn_cli_run (dir, NULL, "refresh", "--json", NULL);
  g_assert_cmpint (refresh->status, ==, 1);
  summary = parse (refresh->out);
  s = json_node_get_object (summary);
  g_assert_cmpint (json_object_get_int_member (s, "failed"), ==, 1);

  /* The reason is kept with the feed and shown by list feeds. */
  text = rn_cli_run (dir, NULL, "list", "feeds", NULL);
  g_assert_nonnull (strstr (text->out, "error:"));
  g_assert_nonnull (strstr (text->out, "404"));
  g_assert_nonnull (strstr (text->out, "1 failure in a row"));

  rn_test_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/radnet/cli/add-refresh-list", test_add_refresh_list);
  g_test_add_func ("/radnet/cli/candidates-and-failures", test_candidates_and_failures);

  return g_test_run ();
}
