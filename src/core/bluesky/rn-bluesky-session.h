/* rn-bluesky-session.h: a Bluesky (AT Protocol) account: signing in with a
 * handle and an app password, authorised XRPC calls, session refresh, and
 * signing out.
 *
 * Secrets: the app password is sent once, to
 * com.atproto.server.createSession, and then forgotten (wiped from memory;
 * never stored, not even in the keyring: a refresh token is all RadNet
 * needs, and it can be revoked on its own). The session's accessJwt and
 * refreshJwt go to the keyring (kinds access-token and refresh-token). The
 * accounts row keeps server = the PDS URL, username = the handle, and
 * options {"did": …}.
 *
 * Refresh: when a call answers 400 {"error":"ExpiredToken"} or 401, the
 * session is refreshed (com.atproto.server.refreshSession with the refresh
 * token), the new tokens are stored, and the call is retried once. When
 * the refresh is refused too, the account is marked expired and the error
 * asks the user to sign in again.
 *
 * PDS addresses must be https (the RADNET_MASTODON_SCHEME=http test hook
 * of rn-mastodon-api.h allows http://127.0.0.1 only). */
#pragma once

#include <json-glib/json-glib.h>

#include "accounts/rn-account.h"
#include "accounts/rn-credentials.h"
#include "net/rn-http.h"
#include "store/rn-store.h"

G_BEGIN_DECLS

#define RN_BLUESKY_ERROR (rn_bluesky_error_quark ())

typedef enum
{
  RN_BLUESKY_ERROR_FAILED,
  RN_BLUESKY_ERROR_INVALID,        /* bad handle, PDS address or input */
  RN_BLUESKY_ERROR_AUTH,           /* wrong handle or app password */
  RN_BLUESKY_ERROR_EXPIRED,        /* the session cannot be refreshed: sign in again */
  RN_BLUESKY_ERROR_RATE_LIMITED,
  RN_BLUESKY_ERROR_NETWORK,
  RN_BLUESKY_ERROR_BAD_RESPONSE,
  RN_BLUESKY_ERROR_TOO_LONG,
} RnBlueskyError;

GQuark rn_bluesky_error_quark (void);

#define RN_BLUESKY_DEFAULT_PDS "https://bsky.social"

/* "https://bsky.social/" → "https://bsky.social"; NULL + error when it is
 * not an https URL of a host (or the test hook's http://127.0.0.1). */
char *rn_bluesky_normalize_pds (const char  *pds,
                                GError     **error);

typedef struct
{
  RnHttpResponse *response;
  JsonNode       *root;
  guint           retry_after;
} RnBlueskyReply;

void rn_bluesky_reply_free (RnBlueskyReply *reply);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RnBlueskyReply, rn_bluesky_reply_free)

/* Signs in; @app_password is wiped by the caller after the call returns
 * (this function copies it only into the request). @pds nullable. */
void       rn_bluesky_sign_in_async   (RnStore             *store,
                                       RnHttp              *http,
                                       RnCredentials       *credentials,
                                       const char          *handle,
                                       const char          *app_password,
                                       const char          *pds,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
RnAccount *rn_bluesky_sign_in_finish  (GAsyncResult        *result,
                                       GError             **error);

/* An XRPC call as the account: "GET" with @query ("limit=50&cursor=…",
 * already encoded) or "POST" with @body. Refreshes the session once when
 * it expired. */
void            rn_bluesky_call_async  (RnStore             *store,
                                        RnHttp              *http,
                                        RnCredentials       *credentials,
                                        gint64               account_id,
                                        const char          *method,
                                        const char          *nsid,
                                        const char          *query,
                                        JsonNode            *body,
                                        gboolean             user_requested,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
RnBlueskyReply *rn_bluesky_call_finish (GAsyncResult        *result,
                                        guint               *out_retry_after,
                                        GError             **error);

/* com.atproto.server.deleteSession, then the secrets and the row. */
void       rn_bluesky_sign_out_async  (RnStore             *store,
                                       RnHttp              *http,
                                       RnCredentials       *credentials,
                                       gint64               account_id,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
gboolean   rn_bluesky_sign_out_finish (GAsyncResult        *result,
                                       GError             **error);

G_END_DECLS
