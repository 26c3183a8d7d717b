/* rn-bluesky-post.h: Bluesky posts (app.bsky.feed.defs#feedViewPost and
 * #postView JSON) → RnParsedEntry, and the text side of composing.
 *
 * id = the post's at:// URI; link = its bsky.app address; content = the
 * text as HTML built here (escaped; facets become links: URLs, mentions to
 * profiles, tags to hashtag pages); authors = ["Display Name (@handle)"];
 * categories = tags (lower case); enclosures = images (alt text) and
 * video; thumbnail = the first image's thumb; a repost is stored as the
 * post, with is_boost and boosted_by; labels such as "sexual", "nudity",
 * "porn", "graphic-media" set sensitive. */
#pragma once

#include <json-glib/json-glib.h>

#include "feeds/rn-parsed-feed.h"

G_BEGIN_DECLS

#define RN_BLUESKY_MAX_GRAPHEMES 300

/* A feedViewPost ({post, reason?}) or a bare postView. */
RnParsedEntry *rn_bluesky_post_to_entry   (JsonObject   *item);
/* The "feed" array of getTimeline or the "posts" array of searchPosts. */
guint          rn_bluesky_posts_append    (RnParsedFeed *feed,
                                           JsonNode     *array);
/* The time a feed item reached the timeline (repost time or indexedAt),
 * ISO 8601 as the server wrote it; used as the refresh cursor. */
const char    *rn_bluesky_item_sort_key   (JsonObject   *item);
/* Text + facets → HTML (escaped). Invalid facets are ignored. */
char          *rn_bluesky_text_to_html    (const char   *text,
                                           JsonArray    *facets);
/* User-perceived characters, approximately as Bluesky counts graphemes:
 * combining marks, variation selectors, skin-tone modifiers and ZWJ
 * sequences join the character before; a flag is one. */
guint          rn_bluesky_count_graphemes (const char   *text);
/* Facets for a post's text: links (http/https) and #tags, with UTF-8 byte
 * offsets as app.bsky.richtext.facet wants. */
JsonNode      *rn_bluesky_build_facets    (const char   *text);

G_END_DECLS
