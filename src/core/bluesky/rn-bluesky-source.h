/* rn-bluesky-source.h: Bluesky feeds as sources, searching and posting.
 *
 *   "bluesky-timeline"  app.bsky.feed.getTimeline of the account
 *   "bluesky-search"    app.bsky.feed.searchPosts (sort=latest) with the
 *                       account's session; options {"q": "…"}
 *
 * Both need an account (feeds.account_id). Incremental: the newest
 * indexedAt seen (the repost time for reposts) is kept in feeds.etag; a
 * refresh walks the `cursor` back only until it meets it (at most 200
 * posts; the first refresh takes at most 80). Rate limits
 * (RateLimit-Remaining 0 / RateLimit-Reset) become retry_after. */
#pragma once

#include "accounts/rn-account.h"
#include "accounts/rn-credentials.h"
#include "feeds/rn-parsed-feed.h"
#include "net/rn-http.h"
#include "rn-source.h"

G_BEGIN_DECLS

#define RN_BLUESKY_PAGE_SIZE       40
#define RN_BLUESKY_FIRST_MAX       80
#define RN_BLUESKY_INCREMENTAL_MAX 200

#define RN_TYPE_BLUESKY_SOURCE (rn_bluesky_source_get_type ())
G_DECLARE_FINAL_TYPE (RnBlueskySource, rn_bluesky_source, RN, BLUESKY_SOURCE, GObject)

RnBlueskySource    *rn_bluesky_source_new   (RnStore       *store,
                                             RnHttp        *http,
                                             RnCredentials *credentials,
                                             const char    *kind) G_GNUC_WARN_UNUSED_RESULT;
const char * const *rn_bluesky_source_kinds (void);

gboolean rn_bluesky_add_timeline_source (RnStore          *store,
                                         const RnAccount  *account,
                                         gint64           *out_feed_id,
                                         GError          **error);
gboolean rn_bluesky_add_search_source   (RnStore          *store,
                                         const RnAccount  *account,
                                         const char       *query,
                                         gint64           *out_feed_id,
                                         GError          **error);

/* Remote results for a column: searchPosts as the account (latest first). */
void          rn_bluesky_search_async  (RnStore             *store,
                                        RnHttp              *http,
                                        RnCredentials       *credentials,
                                        gint64               account_id,
                                        const char          *query,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
RnParsedFeed *rn_bluesky_search_finish (GAsyncResult        *result,
                                        GError             **error);

/* Posts @text (com.atproto.repo.createRecord, app.bsky.feed.post) with
 * link and tag facets; at most RN_BLUESKY_MAX_GRAPHEMES graphemes
 * (RN_BLUESKY_ERROR_TOO_LONG). @lang nullable ("en"). Returns the new
 * post's at:// URI. */
void     rn_bluesky_post_async         (RnStore             *store,
                                        RnHttp              *http,
                                        RnCredentials       *credentials,
                                        gint64               account_id,
                                        const char          *text,
                                        const char          *lang,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
char    *rn_bluesky_post_finish        (GAsyncResult        *result,
                                        GError             **error);

G_END_DECLS
