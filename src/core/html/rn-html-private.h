/* rn-html-private.h: what the files of core/html share among themselves. */
#pragma once

#include <libxml/HTMLparser.h>

#include "html/rn-html-doc.h"

G_BEGIN_DECLS

struct _RnHtmlNode
{
  RnHtmlNodeKind  kind;
  RnHtmlNode     *parent;
  RnHtmlNode     *first_child;
  RnHtmlNode     *last_child;
  RnHtmlNode     *next;
  RnHtmlNode     *prev;
  guint           n_children;
  char           *text;        /* TEXT */
  char           *url;         /* LINK href, IMAGE src */
  char           *alt;         /* IMAGE */
  int             width;       /* IMAGE, -1 unknown */
  int             height;      /* IMAGE, -1 unknown */
  int             start;       /* ordered LIST */
  guint16         colspan;     /* TABLE_CELL */
  guint16         rowspan;     /* TABLE_CELL */
  guint8          level;       /* HEADING */
  guint           ordered : 1; /* LIST */
  guint           header : 1;  /* TABLE_CELL */
  guint           tracker : 1; /* IMAGE */
  guint           implicit : 1; /* created by the builder, not by an element */
};

struct _RnHtmlDoc
{
  gatomicrefcount  ref_count;
  RnHtmlNode      *root;
  GPtrArray       *nodes;      /* every node; the document owns them */
  char            *base_uri;
  RnHtmlImageMode  images;
  gboolean         truncated;
};

/* The options every libxml2 HTML parse in this module uses. No NOBLANKS:
 * it drops the space between two inline elements ("<b>a</b> <i>b</i>"),
 * whitespace is collapsed by the builder instead. IGNORE_ENC:
 * input is UTF-8 text already, a <meta charset> must not re-decode it. */
#define RN_HTML_PARSE_OPTIONS (HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING \
                               | HTML_PARSE_RECOVER | HTML_PARSE_IGNORE_ENC \
                               | HTML_PARSE_COMPACT)

/* Most attributes one start tag may carry before the rest of the tag is
 * dropped ahead of libxml2, whose duplicate check is quadratic in them. */
#define RN_HTML_MAX_ATTRIBUTES 128

/* Copies @len bytes of @html (-1: NUL-terminated) as valid UTF-8 (invalid
 * sequences and NUL become U+FFFD), cut at @max_input bytes on a character
 * boundary, with each start tag limited to RN_HTML_MAX_ATTRIBUTES. */
char      *rn_html_prepare_input (const char    *html,
                                  gssize         len,
                                  gsize          max_input,
                                  gsize         *out_len,
                                  gboolean      *out_truncated);

/* Prepares and parses with libxml2. Never NULL. *out_truncated is set when
 * the input was cut or the parser stopped early. */
htmlDocPtr rn_html_parse_libxml  (const char    *html,
                                  gssize         len,
                                  gsize          max_input,
                                  gboolean      *out_truncated);

/* Asked for each element below a root: TRUE drops it with its content. */
typedef gboolean (*RnHtmlSkipFunc) (xmlNode *element,
                                    gpointer user_data);

/* Sanitises the subtrees of @roots (in order) into a new document. */
RnHtmlDoc *rn_html_doc_build     (xmlNode      **roots,
                                  guint          n_roots,
                                  const char    *base_uri,
                                  const RnHtmlPolicy *policy,
                                  gboolean       truncated,
                                  RnHtmlSkipFunc skip,
                                  gpointer       skip_data);

/* Allocation used by the builder. */
RnHtmlDoc  *rn_html_doc_new_empty (const char      *base_uri,
                                   RnHtmlImageMode  images);
RnHtmlNode *rn_html_doc_new_node  (RnHtmlDoc       *doc,
                                   RnHtmlNodeKind   kind);

G_END_DECLS
