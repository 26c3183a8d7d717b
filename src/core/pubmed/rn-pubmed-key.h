/* rn-pubmed-key.h: the user's NCBI API key. It raises NCBI's limit from 3
 * to 10 requests a second and is a secret: it lives in the keyring under
 * the reserved account id below, never in SQLite, GSettings or logs. */
#pragma once

#include <gio/gio.h>

#include "accounts/rn-credentials.h"
#include "pubmed/rn-pubmed-client.h"

G_BEGIN_DECLS

/* accounts.id starts at 1, so 0 can never be a social account's. */
#define RN_PUBMED_KEY_ACCOUNT_ID 0

/* Longest key accepted (NCBI's are 36 hexadecimal characters). */
#define RN_PUBMED_KEY_MAX_LENGTH 128

/* TRUE for what NCBI hands out: letters and digits only. Sets a
 * %G_IO_ERROR_INVALID_DATA error otherwise. */
gboolean rn_pubmed_key_validate (const char  *key,
                                 GError     **error);

/* Stores @key in @credentials and gives it to @client; an empty or %NULL
 * @key removes the stored one and the client sends none. */
void     rn_pubmed_key_save_async  (RnCredentials       *credentials,
                                    RnPubmedClient      *client,
                                    const char          *key,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
gboolean rn_pubmed_key_save_finish (GAsyncResult        *result,
                                    GError             **error);

/* Reads the stored key into @client. No key stored is success with
 * *@found FALSE; a keyring that cannot be reached is an error, and the
 * client then keeps NCBI's keyless limit. */
void     rn_pubmed_key_load_async  (RnCredentials       *credentials,
                                    RnPubmedClient      *client,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
gboolean rn_pubmed_key_load_finish (GAsyncResult        *result,
                                    gboolean            *found,
                                    GError             **error);

G_END_DECLS
