/* rn-mastodon-source.h: Mastodon timelines as sources for the refresher.
 *
 * One RnMastodonSource per kind (feeds.kind):
 *   "mastodon-home"       GET /api/v1/timelines/home           (account)
 *   "mastodon-list"       GET /api/v1/timelines/list/:list_id  (account;
 *                         options {"list_id": "…"})
 *   "mastodon-bookmarks"  GET /api/v1/bookmarks                (account)
 *   "mastodon-favourites" GET /api/v1/favourites               (account)
 *   "mastodon-hashtag"    GET /api/v1/timelines/tag/:hashtag   (no account
 *                         needed; url "https://server/tags/NAME"; when an
 *                         account is attached its token is sent)
 *
 * Incremental: the first refresh takes the newest page and one older one
 * (at most 80 posts); afterwards each refresh asks only for what is newer
 * than the last one seen (min_id, from the Link rel="prev" header; the
 * cursor is kept in feeds.etag), walking forward at most 200 posts.
 * Rate limits: when X-RateLimit-Remaining reaches 0 the refresh stops and
 * reports retry_after until X-RateLimit-Reset. A refused token (401) marks
 * the account expired and the refresh fails with "sign in again". */
#pragma once

#include "accounts/rn-account.h"
#include "accounts/rn-credentials.h"
#include "net/rn-http.h"
#include "rn-source.h"

G_BEGIN_DECLS

#define RN_MASTODON_PAGE_SIZE       40
#define RN_MASTODON_FIRST_MAX       80
#define RN_MASTODON_INCREMENTAL_MAX 200

#define RN_TYPE_MASTODON_SOURCE (rn_mastodon_source_get_type ())
G_DECLARE_FINAL_TYPE (RnMastodonSource, rn_mastodon_source, RN, MASTODON_SOURCE, GObject)

RnMastodonSource *rn_mastodon_source_new (RnStore       *store,
                                          RnHttp        *http,
                                          RnCredentials *credentials,
                                          const char    *kind) G_GNUC_WARN_UNUSED_RESULT;

/* Every kind above, NULL-terminated. */
const char * const *rn_mastodon_source_kinds (void);

/* "#TAG" or "TAG" on @server (default mastodon.social): adds the source
 * (no account) and returns its id. @tag is checked: letters, digits, '_'. */
gboolean rn_mastodon_add_hashtag_source  (RnStore      *store,
                                          const char   *server,
                                          const char   *tag,
                                          gint64        account_id,
                                          gint64       *out_feed_id,
                                          GError      **error);
/* A timeline of a signed-in account: @kind one of the account kinds above;
 * @list_id only for "mastodon-list". */
gboolean rn_mastodon_add_timeline_source (RnStore         *store,
                                          const RnAccount *account,
                                          const char      *kind,
                                          const char      *list_id,
                                          gint64          *out_feed_id,
                                          GError         **error);

G_END_DECLS
