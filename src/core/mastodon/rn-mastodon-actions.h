/* rn-mastodon-actions.h: what a signed-in account does on its server:
 * bookmark / favourite a post, compose a post, keep the home timeline's
 * read position (markers), search. Every call looks the token up in the
 * keyring itself; a refused token marks the account expired.
 *
 * Remote results for columns (design): a #hashtag or search column asks
 * rn_mastodon_search_async() for each account (or server) it names in
 * columns.remote, and merges the RnParsedFeed it gets with local items;
 * the column model stores them like any source would (item type "post"). */
#pragma once

#include "accounts/rn-account.h"
#include "accounts/rn-credentials.h"
#include "feeds/rn-parsed-feed.h"
#include "net/rn-http.h"
#include "rn-mastodon-api.h"
#include "store/rn-store.h"

G_BEGIN_DECLS

typedef enum
{
  RN_MASTODON_ACTION_BOOKMARK,
  RN_MASTODON_ACTION_UNBOOKMARK,
  RN_MASTODON_ACTION_FAVOURITE,
  RN_MASTODON_ACTION_UNFAVOURITE,
} RnMastodonAction;

/* "bookmark", "unbookmark", "favourite", "unfavourite" (pending_actions.action) */
const char *rn_mastodon_action_to_string   (RnMastodonAction  action);
gboolean    rn_mastodon_action_from_string (const char       *text,
                                            RnMastodonAction *out_action);

/* An API call as the account: @path like "/api/v1/markers" (query
 * included); @json_body nullable. */
void             rn_mastodon_account_call_async  (RnStore             *store,
                                                  RnHttp              *http,
                                                  RnCredentials       *credentials,
                                                  gint64               account_id,
                                                  const char          *method,
                                                  const char          *path,
                                                  JsonNode            *json_body,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
RnMastodonReply *rn_mastodon_account_call_finish (GAsyncResult        *result,
                                                  GError             **error);

/* POST /api/v1/statuses/:id/{bookmark,unbookmark,favourite,unfavourite} */
void     rn_mastodon_status_action_async  (RnStore             *store,
                                           RnHttp              *http,
                                           RnCredentials       *credentials,
                                           gint64               account_id,
                                           RnMastodonAction     action,
                                           const char          *status_id,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean rn_mastodon_status_action_finish (GAsyncResult        *result,
                                           GError             **error);

/* Read position of the home timeline (GET/POST /api/v1/markers), mirrored
 * in the markers table (timeline "home"). get returns the server's
 * last_read_id (and stores it); set stores it locally first, then sends. */
void     rn_mastodon_markers_get_async    (RnStore             *store,
                                           RnHttp              *http,
                                           RnCredentials       *credentials,
                                           gint64               account_id,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
char    *rn_mastodon_markers_get_finish   (GAsyncResult        *result,
                                           GError             **error);
void     rn_mastodon_markers_set_async    (RnStore             *store,
                                           RnHttp              *http,
                                           RnCredentials       *credentials,
                                           gint64               account_id,
                                           const char          *last_read_id,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean rn_mastodon_markers_set_finish   (GAsyncResult        *result,
                                           GError             **error);
/* Records @last_read_id as the local position without telling the server
 * (when it cannot be reached; the next sync sends it). */
gboolean rn_mastodon_markers_set_local    (RnStore             *store,
                                           gint64               account_id,
                                           const char          *last_read_id,
                                           GError             **error);
/* The locally known read position, or NULL. */
char    *rn_mastodon_markers_get_local    (RnStore             *store,
                                           gint64               account_id,
                                           const char          *timeline);

/* Characters a post uses as Mastodon counts them: every URL counts as 23
 * (characters_reserved_per_url), a mention "@user@domain" as "@user". */
#define RN_MASTODON_URL_LENGTH 23
#define RN_MASTODON_DEFAULT_MAX_CHARACTERS 500
guint    rn_mastodon_count_characters     (const char          *text);

/* GET /api/v2/instance → configuration.statuses.max_characters (500 when
 * the server does not say). No account needed. */
void     rn_mastodon_get_max_characters_async  (RnHttp              *http,
                                                const char          *server,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
guint    rn_mastodon_get_max_characters_finish (GAsyncResult        *result,
                                                GError             **error);

/* Composes a post (POST /api/v1/statuses, with an Idempotency-Key so a
 * retry never posts twice). Checks the server's character limit first:
 * RN_MASTODON_ERROR_TOO_LONG when over. @visibility: "public", "unlisted",
 * "private", "direct" or NULL (the account's default). Returns the new
 * status id. */
void     rn_mastodon_post_status_async    (RnStore             *store,
                                           RnHttp              *http,
                                           RnCredentials       *credentials,
                                           gint64               account_id,
                                           const char          *text,
                                           const char          *spoiler_text,
                                           const char          *visibility,
                                           const char          *language,
                                           const char          *in_reply_to_id,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
char    *rn_mastodon_post_status_finish   (GAsyncResult        *result,
                                           GError             **error);

/* Remote results: a "#tag" query reads the hashtag timeline (as the
 * account when @account_id > 0, else the public one of @server); other
 * queries GET /api/v2/search?type=statuses&q=… as the account, and fail
 * without one (servers do not search statuses for anonymous clients). */
void          rn_mastodon_search_async    (RnStore             *store,
                                           RnHttp              *http,
                                           RnCredentials       *credentials,
                                           gint64               account_id,
                                           const char          *server,
                                           const char          *query,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
RnParsedFeed *rn_mastodon_search_finish   (GAsyncResult        *result,
                                           GError             **error);

G_END_DECLS
