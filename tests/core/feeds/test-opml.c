/* OPML import/export: the shapes real exports take, errors, round trip. */
#include "config.h"

#include "feeds/rn-default-sources.h"
#include "feeds/rn-feed-store.h"
#include "feeds/rn-opml.h"
#include "rn-test-util.h"
#include "store/rn-sql.h"

typedef struct
{
  const char *file;
  guint       feeds;
  guint       folders;
  const char *probe_url;      /* one feed of the file … */
  const char *probe_title;    /* … its title … */
  const char *probe_folder;   /* … and its innermost folder, or NULL */
} Shape;

static const Shape shapes[] = {
  { "feedly.opml", 3, 2, "https://news.example.ch/rss.xml", "Imaging News – Zürich", "News" },
  { "inoreader.xml", 3, 1, "https://blog.example.net/feed/", "Ungrouped feed", NULL },
  { "newsblur.opml", 3, 2, "https://pod.example.org/podcast.xml", "Rad Podcast", "Podcasts" },
  { "liferea.opml", 2, 1, "https://society.example.eu/feed", "Society News", "Example Feeds" },
  { "newsboat.opml", 3, 0, "https://b.example.org/atom.xml", "https://b.example.org/atom.xml", NULL },
  { "thunderbird.opml", 2, 2, "https://insights.example.org/rss", "Insights into Imaging", "Journals" },
};

static void
test_shape (gconstpointer data)
{
  const Shape *shape = data;
  g_autofree char *dir = NULL;
  g_autoptr(RnContext) context = rn_test_context_new (&dir);
  RnStore *store = rn_context_get_store (context);
  g_autoptr(GBytes) bytes = rn_test_load_data ("opml", shape->file, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) feeds = NULL;
  RnOpmlImportStats stats = { 0 };
  gboolean found = FALSE;

  g_assert_true (rn_opml_import (store, bytes, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.added, ==, shape->feeds);
  g_assert_cmpuint (stats.folders, ==, shape->folders);

  feeds = rn_feed_store_list_feeds (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (feeds->len, ==, shape->feeds);
  for (guint i = 0; i < feeds->len; i++)
    {
      RnFeed *feed = g_ptr_array_index (feeds, i);

      if (g_strcmp0 (rn_feed_get_url (feed), shape->probe_url) != 0)
        continue;
      found = TRUE;
      g_assert_cmpstr (rn_feed_get_title (feed), ==, shape->probe_title);
      g_assert_cmpstr (rn_feed_get_folder_title (feed), ==, shape->probe_folder);
    }
  g_assert_true (found);

  /* Importing again adds nothing. */
  g_assert_true (rn_opml_import (store, bytes, &stats, &error));
  g_assert_cmpuint (stats.added, ==, 0);
  g_assert_cmpuint (stats.already, ==, shape->feeds);

  g_clear_object (&context);
  rn_test_rmdir (dir);
}

static void
test_malformed_imports_nothing (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(RnContext) context = rn_test_context_new (&dir);
  RnStore *store = rn_context_get_store (context);
  g_autoptr(GBytes) bytes = rn_test_load_data ("opml", "malformed.opml", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (rn_opml_import (store, bytes, NULL, &error));
  g_assert_error (error, RN_OPML_ERROR, RN_OPML_ERROR_MALFORMED);
  /* The stray "&" is on line 6. */
  g_assert_nonnull (strstr (error->message, "line 6"));
  g_assert_cmpuint (rn_feed_store_count_feeds (store), ==, 0);

  g_clear_object (&context);
  rn_test_rmdir (dir);
}

static void
test_not_opml (void)
{
  g_autoptr(GBytes) bytes = rn_test_load_data ("opml", "not-opml.xml", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) outlines = rn_opml_parse (bytes, &error);

  g_assert_null (outlines);
  g_assert_error (error, RN_OPML_ERROR, RN_OPML_ERROR_NOT_OPML);
}

static void
test_hostile (void)
{
  const char *inputs[] = {
    "",
    "<",
    "<opml><body><outline xmlUrl='javascript:alert(1)' text='x'/></body></opml>",
    "<!DOCTYPE opml [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><opml><body><outline text='&x;' xmlUrl='http://a/'/></body></opml>",
    "<!DOCTYPE l [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;'>"
    "<!ENTITY c '&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;'><!ENTITY d '&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;'>"
    "<!ENTITY e '&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;'><!ENTITY f '&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;'>]>"
    "<opml><body><outline text='&f;' xmlUrl='http://a/'/></body></opml>",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (inputs[i], strlen (inputs[i]));
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) outlines = rn_opml_parse (bytes, &error);

      if (outlines != NULL)
        {
          for (guint k = 0; k < outlines->len; k++)
            {
              RnOpmlOutline *o = g_ptr_array_index (outlines, k);
              /* no javascript: feed, no file contents, no giant title */
              g_assert_true (g_str_has_prefix (o->xml_url, "http"));
              g_assert_null (strstr (o->title != NULL ? o->title : "", "root:"));
              g_assert_cmpuint (strlen (o->title != NULL ? o->title : ""), <, 1000);
            }
        }
      else
        g_assert_nonnull (error);
    }
}

static void
test_deep_nesting (void)
{
  g_autoptr(GString) doc = g_string_new ("<opml><body>");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) outlines = NULL;

  for (int i = 0; i < 5000; i++)
    g_string_append (doc, "<outline text='f'>");
  g_string_append (doc, "<outline text='deep' xmlUrl='http://deep.example/'/>");
  for (int i = 0; i < 5000; i++)
    g_string_append (doc, "</outline>");
  g_string_append (doc, "</body></opml>");
  bytes = g_bytes_new (doc->str, doc->len);
  outlines = rn_opml_parse (bytes, &error);
  /* libxml2 refuses such depth, or we stop descending: never a crash. */
  if (outlines != NULL)
    g_assert_cmpuint (outlines->len, ==, 0);
  else
    g_assert_nonnull (error);
}

static void
test_round_trip (void)
{
  g_autofree char *dir = NULL, *dir2 = NULL;
  g_autoptr(RnContext) context = rn_test_context_new (&dir);
  g_autoptr(RnContext) context2 = rn_test_context_new (&dir2);
  g_autoptr(GBytes) bytes = rn_test_load_data ("opml", "newsblur.opml", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *exported = NULL, *exported2 = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(GPtrArray) a = NULL, b = NULL;
  RnFeedSpec pubmed = { .kind = "pubmed", .url = "\"pulmonary embolism\" AND pregnancy", .title = "PE in pregnancy" };
  /* RadNet's own sources stay out of the export. */
  RnFeedSpec hidden = { .kind = "remote-search", .url = "radnet:column/1", .title = "Column results" };

  g_assert_true (rn_opml_import (rn_context_get_store (context), bytes, NULL, &error));
  g_assert_true (rn_feed_store_add_feed (rn_context_get_store (context), &pubmed, NULL, &error));
  g_assert_true (rn_feed_store_add_feed (rn_context_get_store (context), &hidden, NULL, &error));
  exported = rn_opml_export (rn_context_get_store (context), &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (exported, "<outline text=\"Podcasts\""));
  g_assert_null (strstr (exported, "remote-search"));
  g_assert_null (strstr (exported, "Column results"));

  again = g_bytes_new (exported, strlen (exported));
  g_assert_true (rn_opml_import (rn_context_get_store (context2), again, NULL, &error));
  g_assert_no_error (error);

  a = rn_feed_store_list_feeds (rn_context_get_store (context), &error);
  b = rn_feed_store_list_feeds (rn_context_get_store (context2), &error);
  g_assert_cmpuint (a->len, ==, 5);
  for (guint i = 0; i < a->len; i++)
    if (rn_feed_is_hidden (g_ptr_array_index (a, i)))
      g_ptr_array_remove_index (a, i--);
  g_assert_cmpuint (a->len, ==, 4);
  g_assert_cmpuint (b->len, ==, 4);
  for (guint i = 0; i < b->len; i++)
    {
      RnFeed *fa = g_ptr_array_index (a, i), *fb = g_ptr_array_index (b, i);

      g_assert_cmpstr (rn_feed_get_kind (fa), ==, rn_feed_get_kind (fb));
      g_assert_cmpstr (rn_feed_get_url (fa), ==, rn_feed_get_url (fb));
      g_assert_cmpstr (rn_feed_get_title (fa), ==, rn_feed_get_title (fb));
      g_assert_cmpstr (rn_feed_get_folder_title (fa), ==, rn_feed_get_folder_title (fb));
    }

  /* Export of the copy equals the export of the original (but the date). */
  exported2 = rn_opml_export (rn_context_get_store (context2), &error);
  g_assert_cmpstr (strstr (exported, "<body>"), ==, strstr (exported2, "<body>"));

  g_clear_object (&context);
  g_clear_object (&context2);
  rn_test_rmdir (dir);
  rn_test_rmdir (dir2);
}

static void
test_default_sources (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = rn_default_sources_get ();
  g_autoptr(GPtrArray) outlines = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(RnContext) context = rn_test_context_new (&dir);
  RnOpmlImportStats stats = { 0 };

  g_assert_nonnull (bytes);
  outlines = rn_opml_parse (bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (outlines->len, >=, 20);
  for (guint i = 0; i < outlines->len; i++)
    {
      RnOpmlOutline *o = g_ptr_array_index (outlines, i);
      g_assert_true (g_str_has_prefix (o->xml_url, "https://"));
      g_assert_nonnull (o->title);
      g_assert_nonnull (o->folders[0]);
    }
  g_assert_true (rn_default_sources_import (rn_context_get_store (context), &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.added, ==, outlines->len);
  g_clear_object (&context);
  rn_test_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (shapes); i++)
    {
      g_autofree char *path = g_strdup_printf ("/radnet/core/feeds/opml/shape/%s", shapes[i].file);
      g_test_add_data_func (path, &shapes[i], test_shape);
    }
  g_test_add_func ("/radnet/core/feeds/opml/malformed-imports-nothing", test_malformed_imports_nothing);
  g_test_add_func ("/radnet/core/feeds/opml/not-opml", test_not_opml);
  g_test_add_func ("/radnet/core/feeds/opml/hostile", test_hostile);
  g_test_add_func ("/radnet/core/feeds/opml/deep-nesting", test_deep_nesting);
  g_test_add_func ("/radnet/core/feeds/opml/round-trip", test_round_trip);
  g_test_add_func ("/radnet/core/feeds/opml/default-sources", test_default_sources);

  return g_test_run ();
}
