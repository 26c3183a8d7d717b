/* rn-credentials-memory.c: the test backend. Answers on the next main loop
 * iteration, like a real keyring would, never synchronously. */
#define G_LOG_DOMAIN "rn-credentials"

#include "config.h"

#include <glib/gi18n.h>

#include "rn-credentials-memory.h"

struct _RnCredentialsMemory
{
  GObject     parent_instance;

  GHashTable *secrets;     /* "id:kind" → secret */
  gboolean    unavailable;
};

static void rn_credentials_memory_iface_init (RnCredentialsInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RnCredentialsMemory, rn_credentials_memory, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (RN_TYPE_CREDENTIALS,
                                                      rn_credentials_memory_iface_init))

static char *
make_key (gint64           account_id,
          RnCredentialKind kind)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT ":%s", account_id, rn_credential_kind_to_string (kind));
}

static gboolean
check_available (RnCredentialsMemory *self,
                 GTask               *task)
{
  if (!self->unavailable)
    return TRUE;
  g_task_return_new_error (task, RN_CREDENTIALS_ERROR, RN_CREDENTIALS_ERROR_UNAVAILABLE,
                           "%s", rn_credentials_unavailable_message ());
  return FALSE;
}

static void
memory_store_async (RnCredentials       *creds,
                    gint64               account_id,
                    RnCredentialKind     kind,
                    const char          *label,
                    const char          *secret,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  RnCredentialsMemory *self = RN_CREDENTIALS_MEMORY (creds);
  g_autoptr(GTask) task = g_task_new (creds, cancellable, callback, user_data);

  if (!check_available (self, task))
    return;
  g_hash_table_replace (self->secrets, make_key (account_id, kind), g_strdup (secret));
  g_task_return_boolean (task, TRUE);
}

static gboolean
boolean_finish (RnCredentials  *creds,
                GAsyncResult   *result,
                GError        **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
memory_lookup_async (RnCredentials       *creds,
                     gint64               account_id,
                     RnCredentialKind     kind,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  RnCredentialsMemory *self = RN_CREDENTIALS_MEMORY (creds);
  g_autoptr(GTask) task = g_task_new (creds, cancellable, callback, user_data);
  g_autofree char *key = make_key (account_id, kind);
  const char *secret;

  if (!check_available (self, task))
    return;
  secret = g_hash_table_lookup (self->secrets, key);
  if (secret == NULL)
    g_task_return_new_error (task, RN_CREDENTIALS_ERROR, RN_CREDENTIALS_ERROR_NOT_FOUND,
                             _("The keyring holds no password for this account. Sign in again."));
  else
    g_task_return_pointer (task, g_strdup (secret), (GDestroyNotify) rn_credentials_secret_free);
}

static char *
memory_lookup_finish (RnCredentials  *creds,
                      GAsyncResult   *result,
                      GError        **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
memory_clear_account_async (RnCredentials       *creds,
                            gint64               account_id,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  RnCredentialsMemory *self = RN_CREDENTIALS_MEMORY (creds);
  g_autoptr(GTask) task = g_task_new (creds, cancellable, callback, user_data);
  g_autofree char *prefix = g_strdup_printf ("%" G_GINT64_FORMAT ":", account_id);
  GHashTableIter iter;
  gpointer key;

  if (!check_available (self, task))
    return;
  g_hash_table_iter_init (&iter, self->secrets);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (g_str_has_prefix (key, prefix))
      g_hash_table_iter_remove (&iter);
  g_task_return_boolean (task, TRUE);
}

static void
memory_probe_async (RnCredentials       *creds,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (creds, cancellable, callback, user_data);

  if (check_available (RN_CREDENTIALS_MEMORY (creds), task))
    g_task_return_boolean (task, TRUE);
}

static void
rn_credentials_memory_iface_init (RnCredentialsInterface *iface)
{
  iface->store_async = memory_store_async;
  iface->store_finish = boolean_finish;
  iface->lookup_async = memory_lookup_async;
  iface->lookup_finish = memory_lookup_finish;
  iface->clear_account_async = memory_clear_account_async;
  iface->clear_account_finish = boolean_finish;
  iface->probe_async = memory_probe_async;
  iface->probe_finish = boolean_finish;
}

static void
rn_credentials_memory_finalize (GObject *object)
{
  RnCredentialsMemory *self = RN_CREDENTIALS_MEMORY (object);

  g_hash_table_unref (self->secrets);
  G_OBJECT_CLASS (rn_credentials_memory_parent_class)->finalize (object);
}

static void
rn_credentials_memory_class_init (RnCredentialsMemoryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rn_credentials_memory_finalize;
}

static void
rn_credentials_memory_init (RnCredentialsMemory *self)
{
  self->secrets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) rn_credentials_secret_free);
}

RnCredentials *
rn_credentials_memory_new (void)
{
  return g_object_new (RN_TYPE_CREDENTIALS_MEMORY, NULL);
}

void
rn_credentials_memory_set_available (RnCredentialsMemory *self,
                                     gboolean             available)
{
  g_return_if_fail (RN_IS_CREDENTIALS_MEMORY (self));
  self->unavailable = !available;
}

guint
rn_credentials_memory_get_n_secrets (RnCredentialsMemory *self)
{
  g_return_val_if_fail (RN_IS_CREDENTIALS_MEMORY (self), 0);
  return g_hash_table_size (self->secrets);
}
