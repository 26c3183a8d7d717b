/* rn-mastodon-status.h: Mastodon Status JSON → RnParsedEntry.
 *
 * id = the post's URI; title = the content warning, or the post's first
 * line shortened; content = the post's HTML (untrusted: the reader
 * sanitises it); authors = ["Display Name (@acct)"]; categories = hashtags
 * (lower case, no '#'); enclosures = media (with alt text) and thumbnail =
 * the first image preview; a boost stores the boosted post, with
 * is_boost and boosted_by. A DOI in the post's links or text goes to doi.
 * Fields the server omits are simply left empty: truncated or hostile
 * bodies never fail the whole page. */
#pragma once

#include <json-glib/json-glib.h>

#include "feeds/rn-parsed-feed.h"

G_BEGIN_DECLS

/* Most statuses read from one answer. */
#define RN_MASTODON_MAX_STATUSES 200

RnParsedEntry *rn_mastodon_status_to_entry (JsonObject *status);
/* A JSON array of statuses (timelines, bookmarks …) appended to @feed;
 * returns how many were read. Objects without an id are skipped. */
guint          rn_mastodon_statuses_append (RnParsedFeed *feed,
                                            JsonNode     *array);
/* The first DOI ("10.x/y", prefix lower case) in a doi.org link or in the
 * text of @html; NULL when none. */
char          *rn_social_find_doi          (const char   *html);
/* Plain text of @html, first line, at most @max_chars characters (an
 * ellipsis marks a cut); NULL when empty. */
char          *rn_social_short_title       (const char   *html,
                                            guint         max_chars);

G_END_DECLS
