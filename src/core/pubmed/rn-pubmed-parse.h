/* rn-pubmed-parse.h: NCBI E-utilities answers → plain structs. Pure
 * functions on untrusted bytes, no I/O: the client and the fuzzers call
 * them. */
#pragma once

#include <glib.h>

#include "feeds/rn-parsed-feed.h"
#include "rn-pubmed-error.h"

G_BEGIN_DECLS

typedef struct
{
  guint64    count;             /* matches of the whole query */
  guint64    retstart;
  GPtrArray *ids;               /* char *, PMIDs in NCBI's order */
  char      *query_translation; /* how NCBI read the query; may be NULL */
  char      *notice;            /* NCBI's warnings, joined; NULL when none */
} RnPubmedSearchPage;

void                rn_pubmed_search_page_free (RnPubmedSearchPage *page);

/* esearch.fcgi?retmode=json. Fails with RN_PUBMED_ERROR_INVALID_QUERY and
 * NCBI's own words when NCBI rejected the query ("ERROR", or terms not
 * found and nothing matched). */
RnPubmedSearchPage *rn_pubmed_parse_esearch    (const char  *data,
                                                gsize        length,
                                                GError     **error);

/* esummary.fcgi?retmode=json: one entry per uid NCBI described, in the
 * order of "uids"; uids answered with an "error" are left out. */
GPtrArray          *rn_pubmed_parse_esummary   (const char  *data,
                                                gsize        length,
                                                GError     **error);

/* efetch.fcgi?retmode=xml&rettype=abstract (a PubmedArticleSet): fills the
 * abstract (as HTML), and the PMCID and DOI when missing, of the entries
 * in @by_pmid (PMID → RnParsedEntry *, borrowed). */
gboolean            rn_pubmed_parse_efetch     (const char  *data,
                                                gsize        length,
                                                GHashTable  *by_pmid,
                                                GError     **error);

/* "Family Initials"-style PubMed dates: "2024 Jul 15", "2024 Jul",
 * "2023 Winter", "2024/07/15 00:00". Unix seconds UTC or RN_NO_DATE. */
gint64              rn_pubmed_parse_date       (const char  *text);

/* Removes "api_key=…" values from @text (NCBI echoes URLs in errors). */
char               *rn_pubmed_scrub_secrets    (const char  *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RnPubmedSearchPage, rn_pubmed_search_page_free)

G_END_DECLS
