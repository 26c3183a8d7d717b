/* rn-discover.h: from a web address to the feeds behind it.
 *
 * Given the address of a feed, the feed; given a web page, the feeds it
 * announces (<link rel="alternate">); given a page that announces none,
 * the feeds found at the usual paths of its site (/feed, /rss.xml, ...). */
#pragma once

#include <gio/gio.h>

#include "net/rn-http.h"

G_BEGIN_DECLS

#define RN_DISCOVER_ERROR (rn_discover_error_quark ())

typedef enum
{
  RN_DISCOVER_ERROR_NO_FEED,   /* the page was read but no feed was found */
} RnDiscoverError;

GQuark rn_discover_error_quark (void);

typedef enum
{
  RN_FEED_TYPE_UNKNOWN,
  RN_FEED_TYPE_RSS,            /* RSS 0.9x/2.0 and RSS 1.0 (RDF) */
  RN_FEED_TYPE_ATOM,
  RN_FEED_TYPE_JSON,           /* JSON Feed */
} RnFeedType;

/**
 * RnFeedCandidate:
 * @url: absolute http(s) URL of the feed
 * @title: (nullable): as the page announced it
 * @type: what the page announced, or what the document turned out to be
 */
typedef struct
{
  char       *url;
  char       *title;
  RnFeedType  type;
} RnFeedCandidate;

void rn_feed_candidate_free (RnFeedCandidate *candidate);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RnFeedCandidate, rn_feed_candidate_free)

/* At most this many candidates are taken from one page. */
#define RN_DISCOVER_MAX_CANDIDATES 32

/* What a document is, from its first bytes: RSS (<rss, <rdf:RDF), Atom
 * (<feed), JSON Feed ("version": "https://jsonfeed.org/version/…"), or
 * RN_FEED_TYPE_UNKNOWN (HTML, anything else). Pure; reads at most the
 * first 64 KiB. */
RnFeedType  rn_discover_sniff       (GBytes      *body);

/* The feeds an HTML page announces with <link rel="alternate" type=...>,
 * resolved against <base href> and @base_url, without duplicates, in
 * page order. Returns: (transfer full) (element-type RnFeedCandidate):
 * possibly empty. Pure: safe on any thread. */
GPtrArray  *rn_discover_parse_html  (GBytes      *html,
                                     const char  *base_url);

/* Fetches @url through @http (as a user request) and finds its feeds as
 * described above. */
void        rn_discover_async       (RnHttp              *http,
                                     const char          *url,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
/* Returns: (transfer full) (element-type RnFeedCandidate): at least one
 * candidate; %NULL with RN_DISCOVER_ERROR_NO_FEED, or the RN_HTTP_ERROR
 * of fetching @url, on failure. */
GPtrArray  *rn_discover_finish      (RnHttp              *http,
                                     GAsyncResult        *result,
                                     GError             **error);

G_END_DECLS
