/* libFuzzer target: untrusted Mastodon and Bluesky JSON (timelines,
 * single posts, facets) through the post mappers. Must never crash, hang
 * or grow without bound. */
#include "config.h"

#include <json-glib/json-glib.h>

#include "bluesky/rn-bluesky-post.h"
#include "mastodon/rn-mastodon-status.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(RnParsedFeed) feed = NULL;
  JsonNode *root;

  if (size > 256 * 1024)
    return 0;
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, (const char *) data, (gssize) size, NULL))
    return 0;
  root = json_parser_get_root (parser);
  if (root == NULL)
    return 0;

  feed = rn_parsed_feed_new ();
  rn_mastodon_statuses_append (feed, root);
  rn_bluesky_posts_append (feed, root);
  if (JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonObject *obj = json_node_get_object (root);
      JsonNode *list = json_object_get_member (obj, "feed");
      g_autoptr(RnParsedEntry) m = rn_mastodon_status_to_entry (obj);
      g_autoptr(RnParsedEntry) b = rn_bluesky_post_to_entry (obj);
      const char *text = json_object_get_string_member_with_default (obj, "text", NULL);
      JsonNode *facets = json_object_get_member (obj, "facets");

      if (list != NULL)
        rn_bluesky_posts_append (feed, list);
      if (text != NULL)
        {
          g_autofree char *html = rn_bluesky_text_to_html (text, facets != NULL && JSON_NODE_HOLDS_ARRAY (facets)
                                                                 ? json_node_get_array (facets) : NULL);
          g_autoptr(JsonNode) built = rn_bluesky_build_facets (text);
          g_autofree char *doi = rn_social_find_doi (text);
          g_autofree char *title = rn_social_short_title (text, 80);

          rn_bluesky_count_graphemes (text);
        }
    }
  return 0;
}
