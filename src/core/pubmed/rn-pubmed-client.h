/* rn-pubmed-client.h: PubMed searches through NCBI E-utilities.
 *
 * One client per application: it keeps NCBI's usage rules for every
 * request it makes (at most 3 requests a second, 10 with an API key; `tool`
 * and `email` on every request; retries with back-off on 429 and 5xx).
 * Use it from the main context it was created on. */
#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

#include "feeds/rn-parsed-feed.h"
#include "rn-pubmed-error.h"

G_BEGIN_DECLS

#define RN_PUBMED_DEFAULT_BASE_URL "https://eutils.ncbi.nlm.nih.gov/entrez/eutils/"
#define RN_PUBMED_TOOL "radnet"
/* NCBI asks for a developer contact; the app may set the user's own. */
#define RN_PUBMED_DEFAULT_EMAIL "contact@radnet.example.com"
#define RN_PUBMED_DEFAULT_MAX_RESULTS 100
#define RN_PUBMED_MAX_RESULTS_LIMIT 10000

#define RN_TYPE_PUBMED_CLIENT (rn_pubmed_client_get_type ())
G_DECLARE_FINAL_TYPE (RnPubmedClient, rn_pubmed_client, RN, PUBMED_CLIENT, GObject)

/* @session: (nullable): the session to send requests with; NULL for a
 * private one. @contact_email: (nullable): NULL for the default. */
RnPubmedClient *rn_pubmed_client_new              (SoupSession         *session,
                                                   const char          *contact_email);
void            rn_pubmed_client_set_base_url     (RnPubmedClient      *self,
                                                   const char          *base_url);
const char     *rn_pubmed_client_get_base_url     (RnPubmedClient      *self);
void            rn_pubmed_client_set_contact_email (RnPubmedClient     *self,
                                                   const char          *email);
/* The key is a secret: it is only ever sent to NCBI, never logged, and
 * scrubbed from every error message. NULL or "" removes it. */
void            rn_pubmed_client_set_api_key      (RnPubmedClient      *self,
                                                   const char          *api_key);
/* Whether a key is set (so 10 requests a second are allowed, not 3). */
gboolean        rn_pubmed_client_has_api_key      (RnPubmedClient      *self);
/* Knobs with sane defaults (3 retries, 1 s base back-off, 30 s timeout,
 * 500 ids per esearch page, 200 ids per esummary/efetch batch). */
void            rn_pubmed_client_set_retry_policy (RnPubmedClient      *self,
                                                   guint                max_retries,
                                                   guint                base_delay_ms,
                                                   guint                max_delay_ms);
void            rn_pubmed_client_set_timeout      (RnPubmedClient      *self,
                                                   guint                seconds);
void            rn_pubmed_client_set_page_sizes   (RnPubmedClient      *self,
                                                   guint                search_page,
                                                   guint                fetch_batch);

/* How many records match @query (within the last @days days of Entrez
 * date, or any time when 0). @out_notice: (nullable): NCBI's warnings
 * about the query, e.g. terms it ignored; NULL when none. */
void            rn_pubmed_client_count_async      (RnPubmedClient      *self,
                                                   const char          *query,
                                                   guint                days,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean        rn_pubmed_client_count_finish     (RnPubmedClient      *self,
                                                   GAsyncResult        *result,
                                                   guint64             *out_count,
                                                   char               **out_notice,
                                                   GError             **error);

/* The newest @max_results (0: RN_PUBMED_DEFAULT_MAX_RESULTS) records of
 * @query as entries: id "pmid:N", abstract as summary, journal details,
 * publication types as categories. @out_count: the matches in all. */
void            rn_pubmed_client_search_async     (RnPubmedClient      *self,
                                                   const char          *query,
                                                   guint                days,
                                                   guint                max_results,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
RnParsedFeed   *rn_pubmed_client_search_finish    (RnPubmedClient      *self,
                                                   GAsyncResult        *result,
                                                   guint64             *out_count,
                                                   GError             **error);

/* The PubMed web page of a query, for a source's site link. */
char           *rn_pubmed_query_web_url           (const char          *query);

G_END_DECLS
