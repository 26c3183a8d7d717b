/* radnet-cli end to end: the foundation commands through a real process. */
#include "config.h"

#include <json-glib/json-glib.h>

#include "feeds/rn-feed-store.h"
#include "rn-cli-test.h"
#include "rn-test-util.h"

static JsonArray *
parse_array (const char *text,
             JsonParser *parser)
{
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)));
  return json_node_get_array (json_parser_get_root (parser));
}

static void
test_version_and_help (void)
{
  g_autoptr(RnCliRun) version = rn_cli_run (NULL, NULL, "--version", NULL);
  g_autoptr(RnCliRun) help = rn_cli_run (NULL, NULL, "--help", NULL);
  g_autoptr(RnCliRun) bad = rn_cli_run (NULL, NULL, "frobnicate", NULL);
  g_autoptr(RnCliRun) none = rn_cli_runv (NULL, NULL, (const char *const[]) { NULL });
  g_autofree char *expected = g_strdup_printf ("radnet-cli %s\n", PACKAGE_VERSION);

  g_assert_cmpint (version->status, ==, 0);
  g_assert_cmpstr (version->out, ==, expected);
  g_assert_cmpint (help->status, ==, 0);
  g_assert_nonnull (strstr (help->out, "import-opml"));
  g_assert_cmpint (bad->status, ==, 2);
  g_assert_nonnull (strstr (bad->err, "frobnicate"));
  g_assert_cmpint (none->status, ==, 2);
}

static void
test_opml_list_search (void)
{
  g_autofree char *dir = rn_test_mkdtemp ();
  g_autofree char *opml = rn_test_data_path ("opml", "feedly.opml", NULL);
  g_autofree char *out_file = g_build_filename (dir, "out.opml", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(RnCliRun) import = rn_cli_run (dir, NULL, "import-opml", opml, NULL);
  g_autoptr(RnCliRun) feeds = rn_cli_run (dir, NULL, "list", "feeds", "--json", NULL);
  g_autoptr(RnCliRun) text = rn_cli_run (dir, NULL, "list", "feeds", NULL);
  g_autoptr(RnCliRun) add = rn_cli_run (dir, NULL, "add", "--no-discover", "https://new.example.org/feed", "--folder", "News", NULL);
  g_autoptr(RnCliRun) again = rn_cli_run (dir, NULL, "add", "--no-discover", "https://new.example.org/feed", NULL);
  g_autoptr(RnCliRun) export = rn_cli_run (dir, NULL, "export-opml", out_file, NULL);
  g_autoptr(RnCliRun) items = rn_cli_run (dir, NULL, "list", "items", "--json", "--unread", "--limit", "5", NULL);
  g_autoptr(RnCliRun) search = rn_cli_run (dir, NULL, "search", "--json", "pulmonary", "embolism", NULL);
  g_autofree char *exported = NULL;
  JsonArray *array;
  JsonObject *first;

  g_assert_cmpint (import->status, ==, 0);
  g_assert_nonnull (strstr (import->out, "3"));

  g_assert_cmpint (feeds->status, ==, 0);
  array = parse_array (feeds->out, parser);
  g_assert_cmpuint (json_array_get_length (array), ==, 3);
  first = json_array_get_object_element (array, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "kind"), ==, "feed");
  g_assert_cmpstr (json_object_get_string_member (first, "title"), ==, "Radiology");
  g_assert_cmpstr (json_object_get_string_member (first, "folder"), ==, "Radiology");
  g_assert_cmpint (json_object_get_int_member (first, "unread"), ==, 0);
  g_assert_true (json_object_get_null_member (first, "error"));
  for (const char *const *k = (const char *const[]) { "id", "kind", "title", "url", "site_url", "folder", "unread", "error", NULL }; *k; k++)
    g_assert_true (json_object_has_member (first, *k));

  g_assert_cmpint (text->status, ==, 0);
  g_assert_nonnull (strstr (text->out, "Imaging News – Zürich"));

  g_assert_cmpint (add->status, ==, 0);
  g_assert_cmpint (again->status, ==, 3);
  g_assert_nonnull (strstr (again->err, "already subscribed"));

  g_assert_cmpint (export->status, ==, 0);
  g_assert_true (g_file_get_contents (out_file, &exported, NULL, NULL));
  g_assert_nonnull (strstr (exported, "https://new.example.org/feed"));
  g_assert_nonnull (strstr (exported, "<outline text=\"News\""));

  g_assert_cmpint (items->status, ==, 0);
  g_assert_cmpstr (g_strstrip (items->out), ==, "[]");
  g_assert_cmpint (search->status, ==, 0);

  rn_test_rmdir (dir);
}

static void
test_errors (void)
{
  g_autofree char *dir = rn_test_mkdtemp ();
  g_autofree char *bad = rn_test_data_path ("opml", "malformed.opml", NULL);
  g_autofree char *corrupt_dir = g_build_filename (dir, "corrupt", NULL);
  g_autofree char *corrupt_db = g_build_filename (corrupt_dir, "library.db", NULL);
  g_autoptr(RnCliRun) malformed = rn_cli_run (dir, NULL, "import-opml", bad, NULL);
  g_autoptr(RnCliRun) missing = rn_cli_run (dir, NULL, "import-opml", "/nonexistent/file.opml", NULL);
  g_autoptr(RnCliRun) usage = rn_cli_run (dir, NULL, "list", "bananas", NULL);
  g_autoptr(RnCliRun) listed = rn_cli_run (dir, NULL, "list", "feeds", "--json", NULL);
  g_autoptr(RnCliRun) corrupt = NULL;

  g_assert_cmpint (malformed->status, ==, 3);
  g_assert_nonnull (strstr (malformed->err, "line 6"));
  g_assert_cmpint (missing->status, ==, 4);
  g_assert_cmpint (usage->status, ==, 2);
  g_assert_cmpstr (g_strstrip (listed->out), ==, "[]");

  g_mkdir_with_parents (corrupt_dir, 0700);
  g_file_set_contents (corrupt_db, "not a database at all, and long enough", -1, NULL);
  corrupt = rn_cli_run (corrupt_dir, NULL, "list", "feeds", NULL);
  g_assert_cmpint (corrupt->status, ==, 4);
  g_assert_nonnull (strstr (corrupt->err, "not a RadNet library"));

  rn_test_rmdir (dir);
}

/* RadNet's own hidden sources are not listed. */
static void
test_hidden_sources (void)
{
  g_autofree char *dir = rn_test_mkdtemp ();
  g_autofree char *opml = rn_test_data_path ("opml", "feedly.opml", NULL);
  g_autofree char *db = g_build_filename (dir, "library.db", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(RnCliRun) import = rn_cli_run (dir, NULL, "import-opml", opml, NULL);
  g_autoptr(RnCliRun) feeds = NULL;
  g_autoptr(RnCliRun) text = NULL;
  g_autoptr(GError) error = NULL;
  RnFeedSpec archive = { .kind = "archive", .url = "radnet:archive", .title = "Kept items" };

  g_assert_cmpint (import->status, ==, 0);
  {
    g_autoptr(RnStore) store = rn_store_open (db, &error);

    g_assert_no_error (error);
    g_assert_true (rn_feed_store_add_feed (store, &archive, NULL, &error));
    g_assert_no_error (error);
  }
  feeds = rn_cli_run (dir, NULL, "list", "feeds", "--json", NULL);
  text = rn_cli_run (dir, NULL, "list", "feeds", NULL);
  g_assert_cmpint (feeds->status, ==, 0);
  g_assert_cmpuint (json_array_get_length (parse_array (feeds->out, parser)), ==, 3);
  g_assert_null (strstr (text->out, "Kept items"));
  rn_test_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/radnet/cli/version-and-help", test_version_and_help);
  g_test_add_func ("/radnet/cli/opml-list-search", test_opml_list_search);
  g_test_add_func ("/radnet/cli/errors", test_errors);
  g_test_add_func ("/radnet/cli/hidden-sources", test_hidden_sources);

  return g_test_run ();
}
