/* rn-pubmed-client-private.h: the request queue of RnPubmedClient, used by
 * the searches built on it (rn-pubmed-search.c). */
#pragma once

#include "rn-pubmed-client.h"

G_BEGIN_DECLS

/* Caps on what NCBI may send back. */
#define RN_PUBMED_MAX_SEARCH_BYTES  (4 * 1024 * 1024)
#define RN_PUBMED_MAX_SUMMARY_BYTES (16 * 1024 * 1024)
#define RN_PUBMED_MAX_FETCH_BYTES   (48 * 1024 * 1024)

/* Queues one E-utilities request (@endpoint like "esearch.fcgi", @params
 * NULL-terminated name/value pairs; tool, email and api_key are added).
 * Sent when the rate limit allows; 429 and 5xx are retried. */
void     rn_pubmed_client_request_async  (RnPubmedClient      *self,
                                          const char          *endpoint,
                                          const char *const   *params,
                                          gboolean             post,
                                          gsize                max_bytes,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
GBytes  *rn_pubmed_client_request_finish (RnPubmedClient      *self,
                                          GAsyncResult        *result,
                                          GError             **error);

/* Empty, too long or not UTF-8: RN_PUBMED_ERROR_INVALID_QUERY. */
gboolean rn_pubmed_check_query            (const char         *query,
                                          GError            **error);

guint    rn_pubmed_client_get_search_page (RnPubmedClient     *self);
guint    rn_pubmed_client_get_fetch_batch (RnPubmedClient     *self);

G_END_DECLS
