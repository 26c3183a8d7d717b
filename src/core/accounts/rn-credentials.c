#define G_LOG_DOMAIN "rn-credentials"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rn-credentials.h"

G_DEFINE_QUARK (rn-credentials-error-quark, rn_credentials_error)
G_DEFINE_INTERFACE (RnCredentials, rn_credentials, G_TYPE_OBJECT)

static void
rn_credentials_default_init (RnCredentialsInterface *iface)
{
}

const char *
rn_credential_kind_to_string (RnCredentialKind kind)
{
  switch (kind)
    {
    case RN_CREDENTIAL_ACCESS_TOKEN:  return "access-token";
    case RN_CREDENTIAL_REFRESH_TOKEN: return "refresh-token";
    case RN_CREDENTIAL_CLIENT_SECRET: return "client-secret";
    case RN_CREDENTIAL_APP_PASSWORD:  return "app-password";
    case RN_CREDENTIAL_API_KEY:       return "api-key";
    default:
      g_return_val_if_reached ("unknown");
    }
}

const char *
rn_credentials_unavailable_message (void)
{
  return _("RadNet keeps passwords in your desktop’s keyring, and none is running. "
           "Start GNOME Keyring (or another Secret Service), then try again. "
           "RadNet never stores passwords anywhere else.");
}

void
rn_credentials_secret_free (char *secret)
{
  if (secret == NULL)
    return;
  /* volatile: keep the compiler from dropping the wipe before free(). */
  for (volatile char *p = secret; *p != '\0'; p++)
    *p = '\0';
  g_free (secret);
}

void
rn_credentials_store_async (RnCredentials       *self,
                            gint64               account_id,
                            RnCredentialKind     kind,
                            const char          *label,
                            const char          *secret,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (RN_IS_CREDENTIALS (self));
  g_return_if_fail (account_id >= 0);
  g_return_if_fail (secret != NULL && label != NULL);

  RN_CREDENTIALS_GET_IFACE (self)->store_async (self, account_id, kind, label, secret,
                                                cancellable, callback, user_data);
}

gboolean
rn_credentials_store_finish (RnCredentials  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_return_val_if_fail (RN_IS_CREDENTIALS (self), FALSE);
  return RN_CREDENTIALS_GET_IFACE (self)->store_finish (self, result, error);
}

void
rn_credentials_lookup_async (RnCredentials       *self,
                             gint64               account_id,
                             RnCredentialKind     kind,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (RN_IS_CREDENTIALS (self));
  RN_CREDENTIALS_GET_IFACE (self)->lookup_async (self, account_id, kind, cancellable,
                                                 callback, user_data);
}

char *
rn_credentials_lookup_finish (RnCredentials  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  g_return_val_if_fail (RN_IS_CREDENTIALS (self), NULL);
  return RN_CREDENTIALS_GET_IFACE (self)->lookup_finish (self, result, error);
}

void
rn_credentials_clear_account_async (RnCredentials       *self,
                                    gint64               account_id,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (RN_IS_CREDENTIALS (self));
  RN_CREDENTIALS_GET_IFACE (self)->clear_account_async (self, account_id, cancellable,
                                                        callback, user_data);
}

gboolean
rn_credentials_clear_account_finish (RnCredentials  *self,
                                     GAsyncResult   *result,
                                     GError        **error)
{
  g_return_val_if_fail (RN_IS_CREDENTIALS (self), FALSE);
  return RN_CREDENTIALS_GET_IFACE (self)->clear_account_finish (self, result, error);
}

void
rn_credentials_probe_async (RnCredentials       *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (RN_IS_CREDENTIALS (self));
  RN_CREDENTIALS_GET_IFACE (self)->probe_async (self, cancellable, callback, user_data);
}

gboolean
rn_credentials_probe_finish (RnCredentials  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_return_val_if_fail (RN_IS_CREDENTIALS (self), FALSE);
  return RN_CREDENTIALS_GET_IFACE (self)->probe_finish (self, result, error);
}
