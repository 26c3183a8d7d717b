/* rn-feed-identity.h: the key that tells one item from another across
 * refreshes of the same feed. */
#pragma once

#include <glib.h>

#include "rn-parsed-feed.h"

G_BEGIN_DECLS

/* The identity of an entry, used by the store to find an item it has seen:
 *
 *  1. the entry's id (Atom <id>, RSS <guid>, JSON "id"), normalised;
 *  2. else its link, normalised the same way;
 *  3. else "rn-hash:" + SHA-256 of the title and the published (else
 *     updated) date;
 *  4. else NULL (no title either: nothing stable to go by).
 *
 * Normalisation: leading and trailing whitespace is removed and inner runs
 * of whitespace become one space, because publishers re-indent their
 * templates. For URL-like ids ("scheme://authority/…") the scheme and the
 * authority (host, port) are lower-cased, as they are case-insensitive;
 * the path, query and fragment keep their case, as servers may treat
 * them case-sensitively. Normalising an identity again gives the same
 * string. */
char *rn_parsed_entry_identity (const RnParsedEntry *entry);

/* The normalisation of step 1 on its own; NULL for NULL or blank input. */
char *rn_feed_identity_normalize (const char *id);

G_END_DECLS
