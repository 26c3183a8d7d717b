/* rn-mastodon-auth.h: signing in to a Mastodon server, and out again.
 *
 * Sign-in is the OAuth 2.0 authorization-code flow with PKCE (S256):
 *  1. begin: check that the keyring is reachable (no point sending the user
 *     to a browser if the token could not be kept), register RadNet as an
 *     app on the server (POST /api/v1/apps), start a loopback receiver on
 *     127.0.0.1 (or use the out-of-band redirect when the user will paste
 *     the code), and return the authorization URL. The caller opens it in
 *     the browser (UI) or prints it (CLI); core never launches anything.
 *  2. complete: wait for the browser's redirect (or take the pasted code),
 *     exchange the code with the code_verifier (POST /oauth/token), check
 *     the token (GET /api/v1/accounts/verify_credentials), write the
 *     accounts row and put the access token and the client secret in the
 *     keyring. If the keyring fails, the row is removed again: nothing of
 *     the sign-in is kept anywhere else.
 *
 * Scopes: RadNet asks for "read write:favourites write:bookmarks
 * write:statuses": reading timelines, lists, markers and search; favouring,
 * bookmarking, posting, and saving the read position (POST /api/v1/markers
 * is under write:statuses). Not follows, blocks, mutes, reports,
 * notifications settings or account edits: it never needs them. The
 * granular read:* scopes would add nothing over "read" for what we read,
 * and older servers (< 4.x) reject some of them.
 *
 * Signing out revokes the token on the server (POST /oauth/revoke), then
 * deletes the secrets and the row (its sources, markers and queued actions
 * go with it). When the server cannot be reached, the local sign-out still
 * happens and the token is left to expire on the server (logged). */
#pragma once

#include <gio/gio.h>

#include "accounts/rn-account.h"
#include "accounts/rn-credentials.h"
#include "net/rn-http.h"
#include "store/rn-store.h"

G_BEGIN_DECLS

#define RN_MASTODON_SCOPES "read write:favourites write:bookmarks write:statuses"

#define RN_TYPE_MASTODON_SIGN_IN (rn_mastodon_sign_in_get_type ())
G_DECLARE_FINAL_TYPE (RnMastodonSignIn, rn_mastodon_sign_in, RN, MASTODON_SIGN_IN, GObject)

/* @paste: the user will copy the code from the server's page (redirect
 * urn:ietf:wg:oauth:2.0:oob) instead of the loopback redirect. */
RnMastodonSignIn *rn_mastodon_sign_in_new             (RnStore             *store,
                                                       RnHttp              *http,
                                                       RnCredentials       *credentials,
                                                       const char          *server,
                                                       gboolean             paste,
                                                       GError             **error) G_GNUC_WARN_UNUSED_RESULT;
const char       *rn_mastodon_sign_in_get_server      (RnMastodonSignIn    *self);
/* The loopback redirect URI, once begun (NULL with @paste). */
const char       *rn_mastodon_sign_in_get_redirect_uri (RnMastodonSignIn   *self);

void              rn_mastodon_sign_in_begin_async     (RnMastodonSignIn    *self,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
/* Returns: (transfer full): the authorization URL to open. */
char             *rn_mastodon_sign_in_begin_finish    (RnMastodonSignIn    *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);
/* @code: the pasted code, or NULL to wait for the loopback redirect. */
void              rn_mastodon_sign_in_complete_async  (RnMastodonSignIn    *self,
                                                       const char          *code,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
/* Returns: (transfer full): the signed-in account. */
RnAccount        *rn_mastodon_sign_in_complete_finish (RnMastodonSignIn    *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);

void              rn_mastodon_sign_out_async          (RnStore             *store,
                                                       RnHttp              *http,
                                                       RnCredentials       *credentials,
                                                       gint64               account_id,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean          rn_mastodon_sign_out_finish         (GAsyncResult        *result,
                                                       GError             **error);

/* The access token of an account, from the keyring. When the keyring has
 * none, the account is marked expired. */
void              rn_mastodon_get_token_async         (RnStore             *store,
                                                       RnCredentials       *credentials,
                                                       gint64               account_id,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
char             *rn_mastodon_get_token_finish        (GAsyncResult        *result,
                                                       GError             **error);

G_END_DECLS
