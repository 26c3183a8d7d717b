/* rn-feed-parser.h: bytes of a web feed in, RnParsedFeed out.
 *
 * Reads RSS 0.90/0.91/0.92/2.0, RSS 1.0 (RDF), Atom 0.3 and 1.0 and JSON
 * Feed 1.0/1.1, with the namespaces journals and podcasts use (content,
 * Dublin Core, PRISM, Media RSS, iTunes). Pure and thread-safe: meant to
 * run on worker threads, it keeps no state between calls. */
#pragma once

#include <glib.h>

#include "rn-parsed-feed.h"

G_BEGIN_DECLS

#define RN_FEED_PARSE_ERROR (rn_feed_parse_error_quark ())

typedef enum
{
  RN_FEED_PARSE_ERROR_EMPTY,          /* no bytes, or only whitespace */
  RN_FEED_PARSE_ERROR_TOO_LARGE,      /* over RN_FEED_PARSE_MAX_DOCUMENT */
  RN_FEED_PARSE_ERROR_LIMIT,          /* too many entries, too deep, a string too long */
  RN_FEED_PARSE_ERROR_MALFORMED,      /* not readable even with recovery */
  RN_FEED_PARSE_ERROR_NOT_A_FEED,     /* readable, but not a format we know */
} RnFeedParseError;

/* Explicit limits on untrusted input. A document over one of them is
 * rejected with RN_FEED_PARSE_ERROR_TOO_LARGE or _LIMIT rather than read
 * in part, so the store never mistakes a truncated feed for the feed. */
#define RN_FEED_PARSE_MAX_DOCUMENT   (64 * 1024 * 1024)  /* bytes */
#define RN_FEED_PARSE_MAX_ENTRIES    100000
#define RN_FEED_PARSE_MAX_DEPTH      128                 /* element nesting */
#define RN_FEED_PARSE_MAX_STRING     (8 * 1024 * 1024)   /* bytes of one field */

GQuark        rn_feed_parse_error_quark (void);

/* Parses @body. @content_type is the HTTP Content-Type (its charset is
 * used) or NULL; @base_uri is the document's address, against which
 * relative links are resolved, or NULL.
 *
 * Malformed XML is recovered where possible: the result then has
 * recovered = TRUE and error = the first problem found. NULL and @error
 * set only when nothing could be read. Every string in the result is
 * valid UTF-8, every link absolute when a base was known, and each entry's
 * id is its identity (rn_parsed_entry_identity()). */
RnParsedFeed *rn_feed_parse             (GBytes      *body,
                                         const char  *content_type,
                                         const char  *base_uri,
                                         GError     **error);

G_END_DECLS
