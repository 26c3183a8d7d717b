/* rn-parsed-feed.h: what a parser reads from a document, before it is
 * stored. Plain structs: parsers fill them on worker threads. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A date that the document did not give, or gave in a form we cannot read. */
#define RN_NO_DATE G_MININT64

typedef enum
{
  RN_FEED_FORMAT_UNKNOWN,
  RN_FEED_FORMAT_RSS090,
  RN_FEED_FORMAT_RSS091,
  RN_FEED_FORMAT_RSS092,
  RN_FEED_FORMAT_RSS20,
  RN_FEED_FORMAT_RSS10,     /* RDF */
  RN_FEED_FORMAT_ATOM03,
  RN_FEED_FORMAT_ATOM10,
  RN_FEED_FORMAT_JSON10,
  RN_FEED_FORMAT_JSON11,
} RnFeedFormat;

typedef struct
{
  char   *url;
  char   *type;
  gint64  length;            /* bytes; 0 when unknown */
  char   *description;       /* e.g. media:description, alt text */
} RnEnclosure;

typedef struct
{
  char      *id;             /* stable identity, see rn_parsed_entry_identity() */
  char      *title;          /* plain text */
  char      *link;           /* absolute */
  char      *summary;        /* HTML (untrusted) */
  char      *content;        /* HTML (untrusted) */
  GPtrArray *authors;        /* char *, plain text */
  GPtrArray *categories;     /* char * */
  GPtrArray *enclosures;     /* RnEnclosure * */
  gint64     published;      /* Unix seconds UTC or RN_NO_DATE */
  gint64     updated;        /* Unix seconds UTC or RN_NO_DATE */
  char      *doi;            /* bare DOI "10.x/y", lower-cased prefix */
  char      *thumbnail;      /* absolute URL */
  char      *lang;
  char      *comments;       /* URL */

  /* PRISM (journal tables of contents) */
  char      *publication_name;
  char      *volume;
  char      *number;
  char      *starting_page;
  char      *cover_date;

  /* iTunes (podcasts) */
  char      *duration;
  char      *episode;
  char      *image;

  char      *base;           /* absolute base URI of summary/content (xml:base
                              * or the document's), for relative links in them */
  /* PubMed */
  char      *pmid;
  char      *pmcid;          /* "PMC…" */

  /* Social posts (Mastodon, Bluesky); items columns boosts, replies,
   * favourites, is_boost, is_reply and the "post" part of extra. */
  gint64     boosts;         /* reblogs / reposts; -1 unknown */
  gint64     replies;        /* -1 unknown */
  gint64     favourites;     /* favourites / likes; -1 unknown */
  gboolean   is_boost;       /* shown because someone boosted it */
  gboolean   is_reply;
  gboolean   sensitive;      /* media hidden (blurred) until asked */
  char      *spoiler_text;   /* content warning: collapsed until asked */
  char      *boosted_by;     /* "Display Name (@acct)" of the booster */
  char      *post_id;        /* the server's id (for actions), e.g. Mastodon
                              * status id or Bluesky "at://" URI */
  char      *timeline_id;    /* where it sits in a timeline when that differs
                              * from post_id: a Mastodon boost's own id,
                              * which read markers count in */
  char      *card_url;       /* link preview card */
  char      *card_title;
  char      *card_description;
  char      *card_image;
  GPtrArray *media_previews; /* char *, preview URL of each enclosure at the
                              * same index ("" when none); may be shorter */
} RnParsedEntry;

typedef struct
{
  RnFeedFormat  format;
  char         *title;
  char         *link;        /* the site */
  char         *self_link;
  char         *description;
  char         *image;
  char         *lang;
  gint64        updated;
  gint64        ttl;         /* seconds the feed asks to be left alone; 0 none */
  gboolean      recovered;   /* the input was not well-formed */
  char         *error;       /* first problem found, when recovered */
  char         *encoding;    /* character encoding the document was read in */
  GPtrArray    *entries;     /* RnParsedEntry * */
} RnParsedFeed;

RnParsedFeed  *rn_parsed_feed_new        (void);
void           rn_parsed_feed_free       (RnParsedFeed  *feed);
RnParsedEntry *rn_parsed_entry_new       (void);
void           rn_parsed_entry_free      (RnParsedEntry *entry);
RnEnclosure   *rn_enclosure_new          (const char    *url,
                                          const char    *type,
                                          gint64         length);
void           rn_enclosure_free         (RnEnclosure   *enclosure);
const char    *rn_feed_format_to_string  (RnFeedFormat   format);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RnParsedFeed, rn_parsed_feed_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RnParsedEntry, rn_parsed_entry_free)

G_END_DECLS
