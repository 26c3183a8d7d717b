/* rn-item-citation.h: where an article was published and how to find it
 * (journal, volume, issue, first page, publication types, PMID, PMCID,
 * DOI), read from the store for the reader's header. */
#pragma once

#include <glib.h>

#include "store/rn-store.h"

G_BEGIN_DECLS

typedef struct
{
  char      *journal;
  char      *volume;
  char      *issue;
  char      *first_page;
  char      *pmid;
  char      *pmcid;
  char      *doi;
  GPtrArray *types;       /* char *: PubMed publication types worth naming */
  char      *notice;      /* "retraction", "correction", "expression-of-concern" (Crossref) */
  char      *notice_url;  /* where the notice is published */
} RnItemCitation;

/* (transfer full): every field nullable; %NULL with an error when the
 * item does not exist. */
RnItemCitation *rn_item_citation_load          (RnStore              *store,
                                                gint64                item_id,
                                                GError              **error);
void            rn_item_citation_free          (RnItemCitation       *citation);

/* "Radiology 312(1):e240001" as a reference list writes it; %NULL when
 * the journal is unknown. */
char           *rn_item_citation_format_source (const RnItemCitation *citation);
/* https://pubmed.ncbi.nlm.nih.gov/PMID/ and https://doi.org/DOI, or %NULL. */
char           *rn_item_citation_pubmed_url    (const RnItemCitation *citation);
char           *rn_item_citation_pmc_url       (const RnItemCitation *citation);
char           *rn_item_citation_doi_url       (const RnItemCitation *citation);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RnItemCitation, rn_item_citation_free)

G_END_DECLS
