/* rn-oauth.h: the pieces of an OAuth 2.0 authorization-code sign-in with
 * PKCE (RFC 7636) that do not depend on the server: random strings from
 * the kernel's CSPRNG, the S256 challenge, and a loopback redirect receiver
 * (RFC 8252 §7.3). */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define RN_OAUTH_ERROR (rn_oauth_error_quark ())

typedef enum
{
  RN_OAUTH_ERROR_FAILED,
  RN_OAUTH_ERROR_RANDOM,        /* the kernel gave no random bytes */
  RN_OAUTH_ERROR_TIMED_OUT,     /* the browser never came back */
  RN_OAUTH_ERROR_STATE,         /* the redirect carried another state */
  RN_OAUTH_ERROR_DENIED,        /* the user (or server) refused */
  RN_OAUTH_ERROR_CANCELLED,
} RnOAuthError;

GQuark rn_oauth_error_quark (void);

/* The redirect URI for pasting the code by hand (out-of-band). */
#define RN_OAUTH_OOB_REDIRECT_URI "urn:ietf:wg:oauth:2.0:oob"
/* How long the loopback receiver waits for the browser. */
#define RN_OAUTH_LOOPBACK_TIMEOUT (5 * 60)

/* @n_bytes random bytes from getrandom(2), base64url without padding.
 * 32 bytes give 43 characters: a valid PKCE code_verifier. */
char *rn_oauth_random_string  (gsize        n_bytes,
                               GError     **error);
/* BASE64URL(SHA256(ASCII(verifier))), no padding. */
char *rn_oauth_s256_challenge (const char  *verifier);
/* The value of parameter @name in the query of @uri (decoded), or NULL. */
char *rn_oauth_query_param    (const char  *uri,
                               const char  *name);

/* A one-shot HTTP receiver on 127.0.0.1 (an ephemeral port), for the
 * browser's redirect after the user allowed access. It answers
 * GET /callback?code=…&state=… with a small "you can close this tab" page,
 * checks the state, and stops listening as soon as it has an answer, after
 * @timeout_seconds, or when cancelled. */
#define RN_TYPE_OAUTH_LOOPBACK (rn_oauth_loopback_get_type ())
G_DECLARE_FINAL_TYPE (RnOAuthLoopback, rn_oauth_loopback, RN, OAUTH_LOOPBACK, GObject)

RnOAuthLoopback *rn_oauth_loopback_new          (const char          *expected_state,
                                                 guint                timeout_seconds,
                                                 GError             **error);
/* "http://127.0.0.1:PORT/callback" */
const char      *rn_oauth_loopback_get_redirect_uri (RnOAuthLoopback *self);
/* Waits for the redirect; returns the authorization code. */
void             rn_oauth_loopback_wait_async   (RnOAuthLoopback     *self,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
char            *rn_oauth_loopback_wait_finish  (RnOAuthLoopback     *self,
                                                 GAsyncResult        *result,
                                                 GError             **error);

G_END_DECLS
