/* rn-parser-private.h: what the format and namespace readers share.
 *
 * rn-feed-parser.c runs libxml2's SAX2 parser and keeps a stack of open
 * elements (RnFrame). For each element it asks the reader of the element's
 * namespace (rn-parser-rss.c, rn-parser-atom.c, rn-parser-ns-*.c) what the
 * element is (its role) when it starts, and hands it the element's text
 * when it ends. Text is collected in one buffer: an element's text is the
 * buffer from where it started, and is dropped again when it ends, so the
 * buffer never holds more than the open elements' text. */
#pragma once

#include <libxml/parser.h>

#include "rn-feed-parser.h"

G_BEGIN_DECLS

typedef enum
{
  RN_NS_NONE,          /* RSS 0.9x/2.0 elements, and unknown prefixes */
  RN_NS_RSS10,
  RN_NS_RSS090,
  RN_NS_RDF,
  RN_NS_ATOM10,
  RN_NS_ATOM03,
  RN_NS_DC,
  RN_NS_DCTERMS,
  RN_NS_CONTENT,
  RN_NS_PRISM,
  RN_NS_MEDIA,
  RN_NS_ITUNES,
  RN_NS_XHTML,
  RN_NS_OTHER,
} RnNs;

/* What an element means where it is; set by a reader on start, used on end. */
typedef enum
{
  RN_ROLE_NONE,
  RN_ROLE_IGNORE,              /* content of no interest */
  RN_ROLE_FEED,                /* rss, rdf:RDF, atom:feed */
  RN_ROLE_CHANNEL,
  RN_ROLE_ENTRY,
  RN_ROLE_TITLE,
  RN_ROLE_LINK,
  RN_ROLE_DESCRIPTION,         /* RSS description: HTML summary / feed description */
  RN_ROLE_SUMMARY,             /* a text construct read as HTML summary */
  RN_ROLE_CONTENT,             /* a text construct read as HTML content */
  RN_ROLE_CONTENT_ENCODED,
  RN_ROLE_XHTML_BODY,
  RN_ROLE_ID,
  RN_ROLE_GUID,
  RN_ROLE_PUBLISHED,
  RN_ROLE_UPDATED,
  RN_ROLE_CREATED,
  RN_ROLE_AUTHOR_TEXT,         /* RSS author: "email (Name)" */
  RN_ROLE_CREATOR,             /* dc:creator, itunes:author */
  RN_ROLE_PERSON,              /* atom:author, atom:contributor */
  RN_ROLE_PERSON_NAME,
  RN_ROLE_PERSON_EMAIL,
  RN_ROLE_PERSON_URI,
  RN_ROLE_CATEGORY,
  RN_ROLE_COMMENTS,
  RN_ROLE_LANGUAGE,
  RN_ROLE_TTL,
  RN_ROLE_IMAGE,               /* RSS <image> */
  RN_ROLE_IMAGE_URL,
  RN_ROLE_LOGO,
  RN_ROLE_ICON,
  RN_ROLE_TEXTINPUT,
  RN_ROLE_SOURCE,              /* atom:source, RSS source: not this entry's data */
  RN_ROLE_IDENTIFIER,          /* dc:identifier */
  RN_ROLE_DOI,
  RN_ROLE_PUBLICATION_NAME,
  RN_ROLE_VOLUME,
  RN_ROLE_NUMBER,
  RN_ROLE_STARTING_PAGE,
  RN_ROLE_COVER_DATE,
  RN_ROLE_DURATION,
  RN_ROLE_EPISODE,
  RN_ROLE_MEDIA_GROUP,
  RN_ROLE_MEDIA_CONTENT,
  RN_ROLE_MEDIA_DESCRIPTION,
  RN_ROLE_MEDIA_TITLE,
  RN_ROLE_ITUNES_SUMMARY,
} RnRole;

/* How the text of a text construct is written. */
typedef enum
{
  RN_TEXT_PLAIN,
  RN_TEXT_HTML,
  RN_TEXT_XHTML,     /* inline markup, re-serialised into the buffer */
  RN_TEXT_BASE64,    /* base64 of HTML (Atom 0.3 mode="base64", Atom 1.0 binary types) */
} RnTextKind;

typedef struct
{
  RnNs           ns;
  RnRole         role;
  RnTextKind     text_kind;
  const xmlChar *name;          /* local name, owned by the parser's dictionary */
  gsize          text_start;    /* where this element's text starts in the buffer */
  const char    *base;          /* xml:base in effect (absolute when known) */
  const char    *lang;          /* xml:lang in effect */
  char          *owned_base;    /* set when this element changed the base */
  char          *owned_lang;
  guint          xhtml_root : 1; /* the element whose children are inline XHTML */
} RnFrame;

/* Which source a field came from: a stronger one replaces a weaker one,
 * the first of equal strength wins (feeds repeat elements by mistake). */
typedef enum
{
  RN_PRIO_NONE,
  RN_PRIO_FALLBACK,   /* media:title, itunes:summary, dc:title, … */
  RN_PRIO_ALT,        /* a second-best element of the format itself */
  RN_PRIO_MAIN,       /* the format's own element */
} RnPrio;

typedef struct
{
  guint8 title, link, summary, content, published, updated, doi, id, authors, image, lang;
} RnPrios;

typedef struct _RnParseState RnParseState;

struct _RnParseState
{
  RnParsedFeed     *feed;
  RnParsedEntry    *entry;          /* the entry being read, or NULL */
  xmlParserCtxtPtr  ctxt;
  char             *document_uri;   /* where relative links start from */
  GString          *text;
  RnFrame           frames[RN_FEED_PARSE_MAX_DEPTH];
  guint             depth;
  guint             xhtml_depth;    /* > 0: re-serialising inline XHTML */
  guint             ignore_depth;   /* > 0: inside an element whose data is not ours (atom:source) */
  guint             image_depth;    /* > 0: inside RSS <image> or <textInput> */
  guint             media_group_depth;
  gboolean          saw_root;
  gboolean          root_is_atom_alias; /* <feed> in an unknown namespace: read as Atom */
  const xmlChar    *atom_alias_uri;
  RnNs              atom_alias_ns;
  RnPrios           feed_prio;
  RnPrios           entry_prio;
  gboolean          guid_is_permalink;
  char             *guid_link;      /* RSS guid isPermaLink, the link when <link> is missing */
  /* the atom:author or atom:contributor being read */
  char             *person_name;
  char             *person_email;
  gboolean          person_is_author;
  /* media:content of a media:group */
  GError           *limit_error;    /* a limit hit: stops the parse */
  char             *first_problem;
};

/* Readers, one per format or namespace family. start returns the role. */
RnRole rn_parser_rss_start     (RnParseState *st, RnFrame *fr, int n_attrs, const xmlChar **attrs);
void   rn_parser_rss_end       (RnParseState *st, RnFrame *fr, const char *text, gsize len);
RnRole rn_parser_atom_start    (RnParseState *st, RnFrame *fr, int n_attrs, const xmlChar **attrs);
void   rn_parser_atom_end      (RnParseState *st, RnFrame *fr, const char *text, gsize len);
RnRole rn_parser_dc_start      (RnParseState *st, RnFrame *fr, int n_attrs, const xmlChar **attrs);
void   rn_parser_dc_end        (RnParseState *st, RnFrame *fr, const char *text, gsize len);
RnRole rn_parser_content_start (RnParseState *st, RnFrame *fr, int n_attrs, const xmlChar **attrs);
void   rn_parser_content_end   (RnParseState *st, RnFrame *fr, const char *text, gsize len);
RnRole rn_parser_prism_start   (RnParseState *st, RnFrame *fr, int n_attrs, const xmlChar **attrs);
void   rn_parser_prism_end     (RnParseState *st, RnFrame *fr, const char *text, gsize len);
RnRole rn_parser_media_start   (RnParseState *st, RnFrame *fr, int n_attrs, const xmlChar **attrs);
void   rn_parser_media_end     (RnParseState *st, RnFrame *fr, const char *text, gsize len);
RnRole rn_parser_itunes_start  (RnParseState *st, RnFrame *fr, int n_attrs, const xmlChar **attrs);
void   rn_parser_itunes_end    (RnParseState *st, RnFrame *fr, const char *text, gsize len);

/* The JSON Feed reader works on the decoded document as a whole. */
RnParsedFeed *rn_parser_json_parse (const char  *text,
                                    gsize        length,
                                    const char  *base_uri,
                                    GError     **error);

/* Shared helpers (rn-parser-util.c). */
const xmlChar *rn_parser_attr        (int n_attrs, const xmlChar **attrs,
                                      const char *ns_uri, const char *name,
                                      gsize *out_len);
char          *rn_parser_attr_dup    (int n_attrs, const xmlChar **attrs,
                                      const char *ns_uri, const char *name);
char          *rn_parser_strip       (const char *text, gsize len);
char          *rn_parser_author_name (const char *text, gsize len);
char          *rn_parser_resolve     (const char *base, const char *href);
gboolean       rn_parser_is_safe_uri (const char *uri);
char          *rn_parser_html_to_text (const char *html);
char          *rn_parser_text_to_html (const char *text);
char          *rn_parser_base64_text  (const char *text);
char          *rn_parser_doi_from     (const char *text, gboolean bare_allowed);
gint64         rn_parser_parse_length (const char *text);
void           rn_parser_take_field   (char **field, guint8 *prio, RnPrio strength, char *value);
void           rn_parser_add_author   (RnParseState *st, char *author, RnPrio strength);
void           rn_parser_add_enclosure (RnParseState *st, char *url, char *type, gint64 length);
void           rn_parser_set_date     (gint64 *field, guint8 *prio, RnPrio strength, const char *text);
void           rn_parser_problem      (RnParseState *st, const char *format, ...) G_GNUC_PRINTF (2, 3);
char          *rn_parser_text_value   (RnParseState *st, RnFrame *fr, const char *text, gsize len,
                                       gboolean want_html);
void           rn_parser_begin_entry  (RnParseState *st);
void           rn_parser_end_entry    (RnParseState *st);
void           rn_parser_finish_feed  (RnParsedFeed *feed);
void           rn_parser_set_limit_error (RnParseState *st, const char *message);

G_END_DECLS
