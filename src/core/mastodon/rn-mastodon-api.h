/* rn-mastodon-api.h: how RadNet talks to a Mastodon server: addresses, one
 * JSON call through RnHttp (bearer token in a header that RnHttp never logs
 * nor forwards to another host), errors in words the user understands,
 * pagination (Link) and rate-limit headers.
 *
 * Test hook: with RADNET_MASTODON_SCHEME=http in the environment, servers
 * on 127.0.0.1 (and only there) are spoken to over plain http, so tests can
 * use an in-process fixture server. Every other host is always https. The
 * same rule applies to Bluesky PDS addresses. */
#pragma once

#include <json-glib/json-glib.h>

#include "net/rn-http.h"

G_BEGIN_DECLS

#define RN_MASTODON_ERROR (rn_mastodon_error_quark ())

/**
 * RnMastodonError:
 * @RN_MASTODON_ERROR_FAILED: the server answered an error
 * @RN_MASTODON_ERROR_INVALID_SERVER: not a server name RadNet accepts
 * @RN_MASTODON_ERROR_UNAUTHORIZED: the token was refused (401): the
 *   account must sign in again
 * @RN_MASTODON_ERROR_RATE_LIMITED: the server asks to wait
 * @RN_MASTODON_ERROR_BAD_RESPONSE: the answer was not the JSON expected
 * @RN_MASTODON_ERROR_NETWORK: the server could not be reached, or failed
 *   (5xx): worth trying again later
 * @RN_MASTODON_ERROR_TOO_LONG: a post over the server's character limit
 * @RN_MASTODON_ERROR_NOT_FOUND: the post or timeline is gone (404)
 */
typedef enum
{
  RN_MASTODON_ERROR_FAILED,
  RN_MASTODON_ERROR_INVALID_SERVER,
  RN_MASTODON_ERROR_UNAUTHORIZED,
  RN_MASTODON_ERROR_RATE_LIMITED,
  RN_MASTODON_ERROR_BAD_RESPONSE,
  RN_MASTODON_ERROR_NETWORK,
  RN_MASTODON_ERROR_TOO_LONG,
  RN_MASTODON_ERROR_NOT_FOUND,
} RnMastodonError;

GQuark rn_mastodon_error_quark (void);

/* Largest API answer read (a page of 40 statuses is ~100–400 KiB). */
#define RN_MASTODON_MAX_BODY (8 * 1024 * 1024)

/* "Mastodon.Social", "https://mastodon.social/", "@me@mastodon.social" →
 * "mastodon.social" (host[:port], lower case). NULL + error when it is not
 * a host name. */
char    *rn_mastodon_normalize_server (const char  *server,
                                       GError     **error);
/* "https://host" (or "http://127.0.0.1:port" under the test hook). */
char    *rn_mastodon_base_url         (const char  *server);
/* TRUE when @url may be spoken to in plain http (the test hook above). */
gboolean rn_mastodon_allow_http       (const char  *url);

typedef struct
{
  const char  *method;        /* NULL: GET */
  const char  *url;           /* absolute */
  const char  *token;         /* nullable bearer token */
  JsonNode    *json_body;     /* nullable: sent as application/json */
  const char  *form_body;     /* nullable: application/x-www-form-urlencoded */
  const char  *idempotency_key; /* nullable */
  gboolean     user_requested;
} RnMastodonCall;

typedef struct
{
  RnHttpResponse *response;   /* the raw answer (status, headers) */
  JsonNode       *root;       /* parsed body; NULL when empty */
  char           *link_next;  /* Link rel="next" URL, or NULL */
  char           *link_prev;  /* Link rel="prev" URL, or NULL */
  guint           retry_after; /* seconds until the rate limit resets, when
                                * X-RateLimit-Remaining is 0 (or 429) */
} RnMastodonReply;

void rn_mastodon_reply_free (RnMastodonReply *reply);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RnMastodonReply, rn_mastodon_reply_free)

void             rn_mastodon_call_async  (RnHttp               *http,
                                          const RnMastodonCall *call,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
/* Returns: (transfer full): the reply, or NULL and an RN_MASTODON_ERROR.
 * On a 429 or an exhausted limit the error is RATE_LIMITED and
 * @out_retry_after (nullable) says how long to wait. */
RnMastodonReply *rn_mastodon_call_finish (RnHttp               *http,
                                          GAsyncResult         *result,
                                          guint                *out_retry_after,
                                          GError              **error);

/* Pure helpers, exposed for tests. */
char  *rn_mastodon_parse_link      (const char *link_header,
                                    const char *rel);
guint  rn_mastodon_rate_limit_wait (const char *remaining,
                                    const char *reset,
                                    GDateTime  *now);

G_END_DECLS
