/* rn-identifiers.h: scholarly identifiers (DOI, PMID, PMCID, arXiv,
 * medRxiv/bioRxiv) found in an item's text, HTML or link. */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Input beyond this many bytes is not scanned: identifiers sit near the top
 * of what feeds give us, and the regexes stay cheap on hostile input. */
#define RN_IDENTIFIERS_MAX_INPUT (2 * 1024 * 1024)
/* At most this many distinct DOIs are kept per item. */
#define RN_IDENTIFIERS_MAX_DOIS 32

#define RN_TYPE_IDENTIFIERS (rn_identifiers_get_type ())

typedef struct _RnIdentifiers RnIdentifiers;

GType           rn_identifiers_get_type       (void) G_GNUC_CONST;

/* Scans @doi_hint (a DOI the feed declared), then @link, then
 * @text_or_html. Any may be NULL. Never returns NULL. The first DOI found
 * is the primary one. */
RnIdentifiers  *rn_identifiers_find           (const char    *text_or_html,
                                               const char    *link,
                                               const char    *doi_hint);
RnIdentifiers  *rn_identifiers_ref            (RnIdentifiers *self);
void            rn_identifiers_unref          (RnIdentifiers *self);

gboolean        rn_identifiers_is_empty       (RnIdentifiers *self);
/* Bare, lower-cased DOI ("10.1148/radiol.2020200432") or NULL. */
const char     *rn_identifiers_get_doi        (RnIdentifiers *self);
/* Every DOI found, in order, primary first. */
const char * const *rn_identifiers_get_dois   (RnIdentifiers *self,
                                               guint         *n_dois);
/* Digits only ("33301246") or NULL. */
const char     *rn_identifiers_get_pmid       (RnIdentifiers *self);
/* "PMC7890123" or NULL. */
const char     *rn_identifiers_get_pmcid      (RnIdentifiers *self);
/* "2301.01234v2" or "hep-th/9901001" (no "arXiv:" prefix) or NULL. */
const char     *rn_identifiers_get_arxiv      (RnIdentifiers *self);
/* DOI of a medRxiv/bioRxiv preprint (10.1101/…, version suffix removed). */
const char     *rn_identifiers_get_preprint   (RnIdentifiers *self);
/* "medRxiv", "bioRxiv", or NULL when the server cannot be told from the
 * input (a bare 10.1101 DOI belongs to either). */
const char     *rn_identifiers_get_preprint_server (RnIdentifiers *self);

/* Normalises one DOI given in any accepted form ("doi:", "info:doi/",
 * doi.org link, URL-encoded). NULL when @text is not a DOI. */
char           *rn_identifiers_normalize_doi  (const char    *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RnIdentifiers, rn_identifiers_unref)

G_END_DECLS
