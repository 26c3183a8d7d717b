/* rn-pubmed-key.c: the NCBI API key between the keyring and the client. */
#define G_LOG_DOMAIN "rn-pubmed"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "rn-pubmed-key.h"

gboolean
rn_pubmed_key_validate (const char  *key,
                        GError     **error)
{
  gsize length = key != NULL ? strlen (key) : 0;

  if (length == 0 || length > RN_PUBMED_KEY_MAX_LENGTH)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("An NCBI API key has between 1 and %d characters"), RN_PUBMED_KEY_MAX_LENGTH);
      return FALSE;
    }
  for (const char *p = key; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p))
      {
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                             _("An NCBI API key has only letters and digits"));
        return FALSE;
      }
  return TRUE;
}

typedef struct
{
  RnPubmedClient *client;
  char           *key;     /* wiped on free */
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_object (&data->client);
  rn_credentials_secret_free (data->key);
  g_free (data);
}

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SaveData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (data->key != NULL)
    ok = rn_credentials_store_finish (RN_CREDENTIALS (source), result, &error);
  else
    ok = rn_credentials_clear_account_finish (RN_CREDENTIALS (source), result, &error);
  if (!ok)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* Only once the keyring has it: the client never uses a key the user
   * would find missing on the next start. */
  rn_pubmed_client_set_api_key (data->client, data->key);
  g_task_return_boolean (task, TRUE);
}

void
rn_pubmed_key_save_async (RnCredentials       *credentials,
                          RnPubmedClient      *client,
                          const char          *key,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  SaveData *data;

  g_return_if_fail (RN_IS_CREDENTIALS (credentials));
  g_return_if_fail (RN_IS_PUBMED_CLIENT (client));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rn_pubmed_key_save_async);
  if (key != NULL && *key != '\0' && !rn_pubmed_key_validate (key, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  data = g_new0 (SaveData, 1);
  data->client = g_object_ref (client);
  data->key = key != NULL && *key != '\0' ? g_strdup (key) : NULL;
  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);

  if (data->key != NULL)
    rn_credentials_store_async (credentials, RN_PUBMED_KEY_ACCOUNT_ID, RN_CREDENTIAL_API_KEY,
                                _("RadNet: NCBI API key"), data->key, cancellable, on_saved,
                                g_steal_pointer (&task));
  else
    rn_credentials_clear_account_async (credentials, RN_PUBMED_KEY_ACCOUNT_ID, cancellable, on_saved,
                                        g_steal_pointer (&task));
}

gboolean
rn_pubmed_key_save_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RnPubmedClient *client = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(RnSecretString) key = rn_credentials_lookup_finish (RN_CREDENTIALS (source), result, &error);

  if (key == NULL && g_error_matches (error, RN_CREDENTIALS_ERROR, RN_CREDENTIALS_ERROR_NOT_FOUND))
    {
      g_task_return_int (task, FALSE);
      return;
    }
  if (key == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* A key edited into the keyring by hand is checked like a typed one. */
  if (!rn_pubmed_key_validate (key, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  rn_pubmed_client_set_api_key (client, key);
  g_task_return_int (task, TRUE);
}

void
rn_pubmed_key_load_async (RnCredentials       *credentials,
                          RnPubmedClient      *client,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (RN_IS_CREDENTIALS (credentials));
  g_return_if_fail (RN_IS_PUBMED_CLIENT (client));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, rn_pubmed_key_load_async);
  g_task_set_task_data (task, g_object_ref (client), g_object_unref);
  rn_credentials_lookup_async (credentials, RN_PUBMED_KEY_ACCOUNT_ID, RN_CREDENTIAL_API_KEY,
                               cancellable, on_loaded, g_steal_pointer (&task));
}

gboolean
rn_pubmed_key_load_finish (GAsyncResult  *result,
                           gboolean      *found,
                           GError       **error)
{
  g_autoptr(GError) local = NULL;
  gssize value;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  value = g_task_propagate_int (G_TASK (result), &local);
  if (found != NULL)
    *found = value > 0;
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  return TRUE;
}
