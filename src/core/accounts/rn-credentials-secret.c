/* rn-credentials-secret.c: the libsecret backend. Every libsecret error is
 * turned into an RN_CREDENTIALS_ERROR the user can understand; the raw
 * D-Bus text goes to the debug log only (it never holds a secret). */
#define G_LOG_DOMAIN "rn-credentials"

#include "config.h"

#include <glib/gi18n.h>

#include "rn-credentials-secret.h"

#define SCHEMA_VERSION 1

struct _RnCredentialsSecret
{
  GObject parent_instance;
};

static void rn_credentials_secret_iface_init (RnCredentialsInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RnCredentialsSecret, rn_credentials_secret, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (RN_TYPE_CREDENTIALS,
                                                      rn_credentials_secret_iface_init))

const SecretSchema *
rn_credentials_secret_get_schema (void)
{
  /* SECRET_SCHEMA_NONE: match on the xdg:schema attribute too, so that
   * only our own items are ever read or deleted. */
  static const SecretSchema schema = {
    "com.example.RadNet.Secret", SECRET_SCHEMA_NONE,
    {
      { "account-id", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "kind", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "version", SECRET_SCHEMA_ATTRIBUTE_INTEGER },
      { NULL, 0 },
    }
  };
  return &schema;
}

static GError *
translate_error (const GError *error)
{
  g_debug ("Secret service: %s (%s %d)", error->message,
           g_quark_to_string (error->domain), error->code);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return g_error_new_literal (RN_CREDENTIALS_ERROR, RN_CREDENTIALS_ERROR_CANCELLED,
                                _("Cancelled"));
  if (g_error_matches (error, SECRET_ERROR, SECRET_ERROR_IS_LOCKED))
    return g_error_new_literal (RN_CREDENTIALS_ERROR, RN_CREDENTIALS_ERROR_LOCKED,
                                _("Your keyring is locked. Unlock it (for example by "
                                  "signing in to your desktop again), then try again."));
  if (error->domain == G_DBUS_ERROR || error->domain == G_IO_ERROR ||
      g_error_matches (error, SECRET_ERROR, SECRET_ERROR_PROTOCOL))
    return g_error_new_literal (RN_CREDENTIALS_ERROR, RN_CREDENTIALS_ERROR_UNAVAILABLE,
                                rn_credentials_unavailable_message ());
  return g_error_new (RN_CREDENTIALS_ERROR, RN_CREDENTIALS_ERROR_FAILED,
                      _("The keyring refused to keep RadNet’s password: %s"), error->message);
}

static char *
id_string (gint64 account_id)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, account_id);
}

static void
on_stored (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  g_autoptr(GTask) task = data;
  g_autoptr(GError) error = NULL;

  if (!secret_password_store_finish (result, &error))
    g_task_return_error (task, translate_error (error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
secret_store_async (RnCredentials       *creds,
                    gint64               account_id,
                    RnCredentialKind     kind,
                    const char          *label,
                    const char          *secret,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (creds, cancellable, callback, user_data);
  g_autofree char *id = id_string (account_id);

  g_task_set_source_tag (task, secret_store_async);
  secret_password_store (rn_credentials_secret_get_schema (), SECRET_COLLECTION_DEFAULT,
                         label, secret, cancellable, on_stored, g_steal_pointer (&task),
                         "account-id", id,
                         "kind", rn_credential_kind_to_string (kind),
                         "version", SCHEMA_VERSION,
                         NULL);
}

static gboolean
boolean_finish (RnCredentials  *creds,
                GAsyncResult   *result,
                GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, creds), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_looked_up (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  g_autoptr(GTask) task = data;
  g_autoptr(GError) error = NULL;
  char *secret = secret_password_lookup_finish (result, &error);

  if (error != NULL)
    g_task_return_error (task, translate_error (error));
  else if (secret == NULL)
    g_task_return_new_error (task, RN_CREDENTIALS_ERROR, RN_CREDENTIALS_ERROR_NOT_FOUND,
                             _("The keyring holds no password for this account. Sign in again."));
  else
    {
      /* Moved out of libsecret's non-pageable memory into ours, wiped on free. */
      char *copy = g_strdup (secret);

      secret_password_free (secret);
      g_task_return_pointer (task, copy, (GDestroyNotify) rn_credentials_secret_free);
    }
}

static void
secret_lookup_async (RnCredentials       *creds,
                     gint64               account_id,
                     RnCredentialKind     kind,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (creds, cancellable, callback, user_data);
  g_autofree char *id = id_string (account_id);

  g_task_set_source_tag (task, secret_lookup_async);
  secret_password_lookup (rn_credentials_secret_get_schema (), cancellable, on_looked_up,
                          g_steal_pointer (&task),
                          "account-id", id,
                          "kind", rn_credential_kind_to_string (kind),
                          "version", SCHEMA_VERSION,
                          NULL);
}

static char *
secret_lookup_finish (RnCredentials  *creds,
                      GAsyncResult   *result,
                      GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, creds), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
on_cleared (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  g_autoptr(GTask) task = data;
  g_autoptr(GError) error = NULL;

  /* FALSE without error: there was nothing to delete. */
  secret_password_clear_finish (result, &error);
  if (error != NULL)
    g_task_return_error (task, translate_error (error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
secret_clear_account_async (RnCredentials       *creds,
                            gint64               account_id,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (creds, cancellable, callback, user_data);
  g_autofree char *id = id_string (account_id);

  g_task_set_source_tag (task, secret_clear_account_async);
  /* Without `kind`: every secret of the account goes. */
  secret_password_clear (rn_credentials_secret_get_schema (), cancellable, on_cleared,
                         g_steal_pointer (&task),
                         "account-id", id,
                         NULL);
}

static void
on_probed (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  g_autoptr(GTask) task = data;
  g_autoptr(GError) error = NULL;
  char *secret = secret_password_lookup_finish (result, &error);

  secret_password_free (secret);
  if (error != NULL)
    g_task_return_error (task, translate_error (error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
secret_probe_async (RnCredentials       *creds,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (creds, cancellable, callback, user_data);

  g_task_set_source_tag (task, secret_probe_async);
  /* A look-up of an item that cannot exist reaches the service (starting
   * it if it can be started) without prompting. */
  secret_password_lookup (rn_credentials_secret_get_schema (), cancellable, on_probed,
                          g_steal_pointer (&task),
                          "account-id", "0",
                          "kind", "probe",
                          NULL);
}

static void
rn_credentials_secret_iface_init (RnCredentialsInterface *iface)
{
  iface->store_async = secret_store_async;
  iface->store_finish = boolean_finish;
  iface->lookup_async = secret_lookup_async;
  iface->lookup_finish = secret_lookup_finish;
  iface->clear_account_async = secret_clear_account_async;
  iface->clear_account_finish = boolean_finish;
  iface->probe_async = secret_probe_async;
  iface->probe_finish = boolean_finish;
}

static void
rn_credentials_secret_finalize (GObject *object)
{
  /* libsecret keeps one shared connection to the service; let it go with
   * us so that the process ends without it. */
  secret_service_disconnect ();
  G_OBJECT_CLASS (rn_credentials_secret_parent_class)->finalize (object);
}

static void
rn_credentials_secret_class_init (RnCredentialsSecretClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rn_credentials_secret_finalize;
}

static void
rn_credentials_secret_init (RnCredentialsSecret *self)
{
}

RnCredentials *
rn_credentials_secret_new (void)
{
  return g_object_new (RN_TYPE_CREDENTIALS_SECRET, NULL);
}
