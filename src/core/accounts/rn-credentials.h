/* rn-credentials.h: where RadNet keeps secrets (OAuth tokens, refresh
 * tokens, client secrets, app passwords, API keys).
 *
 * Secrets live ONLY behind this interface. The product uses the libsecret
 * backend (rn-credentials-secret.h): the desktop keyring. When no keyring is
 * reachable, every call fails with %RN_CREDENTIALS_ERROR_UNAVAILABLE and a
 * message the user can act on; callers must then give up on what needed the
 * secret and never keep it anywhere else (not in SQLite, GSettings, files
 * or logs). The in-memory backend (rn-credentials-memory.h) exists for unit
 * tests only.
 *
 * Secrets are keyed by the account's row id (accounts.id) and a kind;
 * id 0, which no account has, holds RadNet's own (the NCBI API key). */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define RN_CREDENTIALS_ERROR (rn_credentials_error_quark ())

/**
 * RnCredentialsError:
 * @RN_CREDENTIALS_ERROR_FAILED: the keyring answered with an error
 * @RN_CREDENTIALS_ERROR_UNAVAILABLE: no keyring is running or reachable
 * @RN_CREDENTIALS_ERROR_LOCKED: the keyring is locked and was not unlocked
 * @RN_CREDENTIALS_ERROR_NOT_FOUND: the secret is missing (signed out elsewhere,
 *   keyring reset)
 * @RN_CREDENTIALS_ERROR_CANCELLED: the caller cancelled
 */
typedef enum
{
  RN_CREDENTIALS_ERROR_FAILED,
  RN_CREDENTIALS_ERROR_UNAVAILABLE,
  RN_CREDENTIALS_ERROR_LOCKED,
  RN_CREDENTIALS_ERROR_NOT_FOUND,
  RN_CREDENTIALS_ERROR_CANCELLED,
} RnCredentialsError;

GQuark rn_credentials_error_quark (void);

typedef enum
{
  RN_CREDENTIAL_ACCESS_TOKEN,
  RN_CREDENTIAL_REFRESH_TOKEN,
  RN_CREDENTIAL_CLIENT_SECRET,
  RN_CREDENTIAL_APP_PASSWORD,
  RN_CREDENTIAL_API_KEY,
} RnCredentialKind;

/* "access-token", "refresh-token", "client-secret", "app-password",
 * "api-key": the `kind` attribute in the keyring. */
const char *rn_credential_kind_to_string (RnCredentialKind kind);

#define RN_TYPE_CREDENTIALS (rn_credentials_get_type ())
G_DECLARE_INTERFACE (RnCredentials, rn_credentials, RN, CREDENTIALS, GObject)

struct _RnCredentialsInterface
{
  GTypeInterface parent_iface;

  void      (*store_async)         (RnCredentials       *self,
                                    gint64               account_id,
                                    RnCredentialKind     kind,
                                    const char          *label,
                                    const char          *secret,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
  gboolean  (*store_finish)        (RnCredentials       *self,
                                    GAsyncResult        *result,
                                    GError             **error);
  void      (*lookup_async)        (RnCredentials       *self,
                                    gint64               account_id,
                                    RnCredentialKind     kind,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
  char     *(*lookup_finish)       (RnCredentials       *self,
                                    GAsyncResult        *result,
                                    GError             **error);
  void      (*clear_account_async) (RnCredentials       *self,
                                    gint64               account_id,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
  gboolean  (*clear_account_finish)(RnCredentials       *self,
                                    GAsyncResult        *result,
                                    GError             **error);
  void      (*probe_async)         (RnCredentials       *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
  gboolean  (*probe_finish)        (RnCredentials       *self,
                                    GAsyncResult        *result,
                                    GError             **error);
};

/* Stores (or replaces) one secret. @label is what keyring managers show,
 * e.g. "RadNet: @me@example.social"; it must not contain the secret. */
void      rn_credentials_store_async          (RnCredentials       *self,
                                               gint64               account_id,
                                               RnCredentialKind     kind,
                                               const char          *label,
                                               const char          *secret,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean  rn_credentials_store_finish         (RnCredentials       *self,
                                               GAsyncResult        *result,
                                               GError             **error);
/* Returns: (transfer full): the secret; %NULL with
 * %RN_CREDENTIALS_ERROR_NOT_FOUND when there is none. Free it with
 * rn_credentials_secret_free(), which wipes it first. */
void      rn_credentials_lookup_async         (RnCredentials       *self,
                                               gint64               account_id,
                                               RnCredentialKind     kind,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
char     *rn_credentials_lookup_finish        (RnCredentials       *self,
                                               GAsyncResult        *result,
                                               GError             **error);
/* Deletes every secret of the account (all kinds). Missing ones are fine. */
void      rn_credentials_clear_account_async  (RnCredentials       *self,
                                               gint64               account_id,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean  rn_credentials_clear_account_finish (RnCredentials       *self,
                                               GAsyncResult        *result,
                                               GError             **error);
/* Checks that the keyring can be reached (and is unlocked) before a sign-in
 * starts, so that the user is not sent through a browser for nothing. */
void      rn_credentials_probe_async          (RnCredentials       *self,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
gboolean  rn_credentials_probe_finish         (RnCredentials       *self,
                                               GAsyncResult        *result,
                                               GError             **error);

/* Overwrites the string with zeros, then frees it. NULL is fine. */
void      rn_credentials_secret_free          (char                *secret);

/* The translated message for %RN_CREDENTIALS_ERROR_UNAVAILABLE. */
const char *rn_credentials_unavailable_message (void);

typedef char RnSecretString;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RnSecretString, rn_credentials_secret_free)

G_END_DECLS
