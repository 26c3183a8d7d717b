/* rn-pubmed-refresh-source.h: PubMed searches as an RnSource, so the
 * refresher treats them like any other source. */
#pragma once

#include "pubmed/rn-pubmed-client.h"
#include "rn-source.h"
#include "store/rn-store.h"

G_BEGIN_DECLS

#define RN_TYPE_PUBMED_REFRESH_SOURCE (rn_pubmed_refresh_source_get_type ())
G_DECLARE_FINAL_TYPE (RnPubmedRefreshSource, rn_pubmed_refresh_source, RN, PUBMED_REFRESH_SOURCE, GObject)

RnPubmedRefreshSource *rn_pubmed_refresh_source_new (RnStore        *store,
                                                     RnPubmedClient *client);

G_END_DECLS
