/* rn-pubmed-source.h: a PubMed search as a source of the library: a row of
 * `feeds` with kind "pubmed", url = the query and options = JSON such as
 * {"days": 30, "max_results": 100}. Refreshing searches NCBI and stores the
 * records as items of type "article". */
#pragma once

#include <gio/gio.h>

#include "feeds/rn-feed-store.h"
#include "rn-pubmed-client.h"
#include "store/rn-store.h"

G_BEGIN_DECLS

#define RN_PUBMED_KIND "pubmed"

typedef struct
{
  guint days;           /* Entrez-date window; 0: any time */
  guint max_results;    /* 0: RN_PUBMED_DEFAULT_MAX_RESULTS */
} RnPubmedOptions;

/* Reads @json leniently: missing or malformed members keep their default
 * (0). Returns FALSE when @json is set but not a JSON object. */
gboolean  rn_pubmed_options_parse       (const char             *json,
                                         RnPubmedOptions        *out);
/* NULL when every option is the default. */
char     *rn_pubmed_options_to_json     (const RnPubmedOptions  *options);

/* Adds a PubMed source (title NULL: the query). */
gboolean  rn_pubmed_source_add          (RnStore                *store,
                                         const char             *query,
                                         const char             *title,
                                         const RnPubmedOptions  *options,
                                         gint64                  folder_id,
                                         gint64                 *out_id,
                                         GError                **error);

/* Searches NCBI for the query of feed @feed_id and stores what it found in
 * one transaction (on a worker thread). Call on @client's main context.
 * @out_stats: (nullable). */
void      rn_pubmed_refresh_feed_async  (RnStore                *store,
                                         RnPubmedClient         *client,
                                         gint64                  feed_id,
                                         GCancellable           *cancellable,
                                         GAsyncReadyCallback     callback,
                                         gpointer                user_data);
gboolean  rn_pubmed_refresh_feed_finish (GAsyncResult           *result,
                                         RnIngestStats          *out_stats,
                                         GError                **error);

G_END_DECLS
