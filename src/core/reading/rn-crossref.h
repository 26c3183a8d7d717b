/* rn-crossref.h: metadata of a DOI from the Crossref REST API
 * (GET /works/{doi}), politely: a contact address, one request at a time,
 * a rate limit, a size cap, a deadline and a cache.
 *
 * An RnCrossref lives on one thread: look-ups are started and complete on
 * the thread-default main context they were started from. */
#pragma once

#include <libsoup/soup.h>

#include "rn-lookup-cache.h"
#include "rn-reference.h"

G_BEGIN_DECLS

#define RN_CROSSREF_ERROR (rn_crossref_error_quark ())

typedef enum
{
  RN_CROSSREF_ERROR_INVALID_DOI,
  RN_CROSSREF_ERROR_NOT_FOUND,     /* 404 "Resource not found." */
  RN_CROSSREF_ERROR_RATE_LIMITED,  /* 429 */
  RN_CROSSREF_ERROR_HTTP,          /* any other failing status */
  RN_CROSSREF_ERROR_NETWORK,       /* could not talk to the server */
  RN_CROSSREF_ERROR_TIMEOUT,
  RN_CROSSREF_ERROR_TOO_LARGE,
  RN_CROSSREF_ERROR_PARSE,         /* not a Crossref work */
} RnCrossrefError;

#define RN_CROSSREF_DEFAULT_BASE_URL      "https://api.crossref.org"
#define RN_CROSSREF_DEFAULT_RATE          5                  /* requests/s */
#define RN_CROSSREF_DEFAULT_MAX_BODY      (4 * 1024 * 1024)  /* bytes */
#define RN_CROSSREF_DEFAULT_TIMEOUT_MS    20000

#define RN_TYPE_CROSSREF (rn_crossref_get_type ())
G_DECLARE_FINAL_TYPE (RnCrossref, rn_crossref, RN, CROSSREF, GObject)

GQuark        rn_crossref_error_quark       (void);

/* @session: the shared HTTP session (NULL: one of our own). @mailto: the
 * user's contact address Crossref asks polite clients for (NULL: none). */
RnCrossref   *rn_crossref_new               (SoupSession    *session,
                                             const char     *mailto);
/* Without trailing slash; default RN_CROSSREF_DEFAULT_BASE_URL. */
void          rn_crossref_set_base_url      (RnCrossref     *self,
                                             const char     *base_url);
void          rn_crossref_set_cache         (RnCrossref     *self,
                                             RnLookupCache  *cache);
/* Requests started per second, at most (≥ 1). Crossref's own
 * X-Rate-Limit-* headers lower it further when they ask for less. */
void          rn_crossref_set_rate_limit    (RnCrossref     *self,
                                             guint           per_second);
void          rn_crossref_set_max_body_size (RnCrossref     *self,
                                             gsize           max_bytes);
void          rn_crossref_set_timeout       (RnCrossref     *self,
                                             guint           timeout_ms);

/* Any DOI form rn_identifiers_normalize_doi() accepts. A cached answer
 * returns without a request. */
void          rn_crossref_lookup_async      (RnCrossref          *self,
                                             const char          *doi,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
RnReference  *rn_crossref_lookup_finish     (RnCrossref          *self,
                                             GAsyncResult        *result,
                                             GError             **error);

/* The cache key of a DOI's work: "crossref:work:<doi>". */
char         *rn_crossref_cache_key         (const char     *doi);

/* Maps one /works/{doi} answer to a record: pure, for any thread. */
RnReference  *rn_crossref_parse_work        (GBytes         *body,
                                             GError        **error);

G_END_DECLS
