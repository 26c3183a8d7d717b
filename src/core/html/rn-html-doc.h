/* rn-html-doc.h: untrusted HTML turned into a small, sanitised document
 * tree that a native renderer walks (the reader's GtkTextView), that can be
 * written back as minimal safe HTML (offline snapshots, exports) or as plain
 * text.
 *
 * Ownership and threads: RnHtmlDoc is a reference-counted boxed type
 * (rn_html_doc_ref/unref, g_autoptr). It is immutable once parsed, so one
 * document may be read from several threads at once. Nodes belong to their
 * document and live as long as it does; never free a node.
 *
 * Shape of the tree (what a renderer may rely on):
 *  - The root is a DOCUMENT node. Its children, and the children of
 *    BLOCKQUOTE, LIST_ITEM, TABLE_CELL and FIGURE, are blocks only:
 *    PARAGRAPH, HEADING, LIST, BLOCKQUOTE, PRE, TABLE, HR, FIGURE, CAPTION.
 *    Loose inline content there is wrapped in a PARAGRAPH.
 *  - LIST holds LIST_ITEMs only; TABLE holds TABLE_ROWs and at most one
 *    CAPTION; TABLE_ROW holds TABLE_CELLs only.
 *  - PARAGRAPH, HEADING, PRE and CAPTION hold inlines only: TEXT,
 *    EMPHASIS, STRONG, CODE, LINK, SUB, SUP, STRIKE (which hold inlines
 *    too), IMAGE and LINE_BREAK (leaves). HTML that nests blocks inside
 *    inlines (a <div> in an <a>) is flattened, with a LINE_BREAK where the
 *    block started.
 *  - Text is valid UTF-8, entities are decoded, controls other than tab
 *    and newline are gone. Outside PRE, whitespace runs are one space, and
 *    no text block starts or ends with a space; inside PRE it is kept.
 *  - Empty containers are dropped, except TABLE_CELL (it keeps columns
 *    aligned). A LINE_BREAK that ends a block is dropped.
 *  - svg, script, style, frames, objects, forms and the like are dropped
 *    with their content; MathML keeps its text only.
 *  - Links are http, https or mailto; image sources http or https; both
 *    absolute. Nothing else of the input's attributes survives.
 *  - Containers nest at most max_depth deep (RnHtmlPolicy); deeper markup
 *    keeps its text but loses its structure. A document has at most
 *    max_nodes nodes; the rest is cut. Either way the document is marked
 *    truncated (rn_html_doc_is_truncated()).
 *
 * The HTML parser (libxml2) also stops at 256 levels of unclosed elements:
 * content after such a pathological nesting is lost, and the document is
 * marked truncated. */
#pragma once

#include <glib-object.h>

#include "html/rn-html-policy.h"

G_BEGIN_DECLS

typedef enum
{
  RN_HTML_NODE_DOCUMENT,
  /* blocks */
  RN_HTML_NODE_PARAGRAPH,
  RN_HTML_NODE_HEADING,      /* rn_html_node_get_level(): 1-6 */
  RN_HTML_NODE_LIST,         /* rn_html_node_is_ordered(), _get_start() */
  RN_HTML_NODE_LIST_ITEM,
  RN_HTML_NODE_BLOCKQUOTE,
  RN_HTML_NODE_PRE,          /* code block, whitespace kept */
  RN_HTML_NODE_TABLE,
  RN_HTML_NODE_TABLE_ROW,
  RN_HTML_NODE_TABLE_CELL,   /* rn_html_node_is_header(), _get_colspan() */
  RN_HTML_NODE_HR,
  RN_HTML_NODE_FIGURE,
  RN_HTML_NODE_CAPTION,      /* figcaption or table caption */
  /* inlines */
  RN_HTML_NODE_TEXT,         /* rn_html_node_get_text() */
  RN_HTML_NODE_EMPHASIS,
  RN_HTML_NODE_STRONG,
  RN_HTML_NODE_CODE,
  RN_HTML_NODE_LINK,         /* rn_html_node_get_href() */
  RN_HTML_NODE_IMAGE,        /* _get_src(), _get_alt(), _get_width(), _is_tracker() */
  RN_HTML_NODE_LINE_BREAK,
  RN_HTML_NODE_SUB,
  RN_HTML_NODE_SUP,
  RN_HTML_NODE_STRIKE,
} RnHtmlNodeKind;

typedef struct _RnHtmlDoc  RnHtmlDoc;
typedef struct _RnHtmlNode RnHtmlNode;

#define RN_TYPE_HTML_DOC (rn_html_doc_get_type ())
GType              rn_html_doc_get_type        (void) G_GNUC_CONST;

/* Parses @len bytes of @html (-1: NUL-terminated; NULL is an empty
 * document) and sanitises it. Never fails: garbage gives an empty or
 * partial document. The input is taken as UTF-8 whatever it declares;
 * invalid sequences and NUL become U+FFFD. Relative URLs are resolved
 * against @base_uri (http/https), and dropped without one. */
RnHtmlDoc         *rn_html_doc_parse           (const char         *html,
                                                gssize              len,
                                                const char         *base_uri,
                                                const RnHtmlPolicy *policy);
RnHtmlDoc         *rn_html_doc_ref             (RnHtmlDoc          *doc);
void               rn_html_doc_unref           (RnHtmlDoc          *doc);

const RnHtmlNode  *rn_html_doc_get_root        (RnHtmlDoc          *doc);
/* TRUE when input was cut at max_input, nodes at max_nodes, containers at
 * max_depth, or the parser gave up on pathological nesting. */
gboolean           rn_html_doc_is_truncated    (RnHtmlDoc          *doc);
RnHtmlImageMode    rn_html_doc_get_image_mode  (RnHtmlDoc          *doc);
const char        *rn_html_doc_get_base_uri    (RnHtmlDoc          *doc);
guint              rn_html_doc_get_n_nodes     (RnHtmlDoc          *doc);

/* The sources of the images that may be offered for loading, in document
 * order, without duplicates: trackers are never listed, and nothing is
 * with RN_HTML_IMAGES_NEVER. Transfer full: a GPtrArray of char *. */
GPtrArray         *rn_html_doc_get_images      (RnHtmlDoc          *doc);

/* The sanitised tree as minimal HTML (a fragment, no <html>/<body>): only
 * the elements of the node kinds and their own attributes (href, src, alt,
 * width, height, start, colspan, rowspan), text escaped. Tracker images
 * are left out. Parsing the result again gives the same tree. */
char              *rn_html_doc_to_html         (RnHtmlDoc          *doc);

/* Plain text: blocks separated by a blank line, list items and table rows
 * on their own lines (items with "• " or "1. "), cells separated by tabs,
 * images by their alt text, LINE_BREAK as newline. */
char              *rn_html_doc_to_text         (RnHtmlDoc          *doc);

/* Node accessors. A getter asked about a kind it does not apply to
 * returns NULL / 0 / FALSE. */
RnHtmlNodeKind     rn_html_node_get_kind       (const RnHtmlNode   *node);
const char        *rn_html_node_kind_to_string (RnHtmlNodeKind      kind);
gboolean           rn_html_node_is_block       (const RnHtmlNode   *node);
const RnHtmlNode  *rn_html_node_get_parent     (const RnHtmlNode   *node);
const RnHtmlNode  *rn_html_node_get_first_child (const RnHtmlNode  *node);
const RnHtmlNode  *rn_html_node_get_last_child (const RnHtmlNode   *node);
const RnHtmlNode  *rn_html_node_get_next_sibling (const RnHtmlNode *node);
const RnHtmlNode  *rn_html_node_get_prev_sibling (const RnHtmlNode *node);
guint              rn_html_node_get_n_children (const RnHtmlNode   *node);
/* TEXT: its text. */
const char        *rn_html_node_get_text       (const RnHtmlNode   *node);
/* HEADING: 1-6. */
guint              rn_html_node_get_level      (const RnHtmlNode   *node);
/* LIST */
gboolean           rn_html_node_is_ordered     (const RnHtmlNode   *node);
int                rn_html_node_get_start      (const RnHtmlNode   *node);
/* TABLE_CELL: th, and spans (1 when not given) */
gboolean           rn_html_node_is_header      (const RnHtmlNode   *node);
guint              rn_html_node_get_colspan    (const RnHtmlNode   *node);
guint              rn_html_node_get_rowspan    (const RnHtmlNode   *node);
/* LINK: absolute http(s) or mailto. An <a> whose href is dropped is no
 * LINK at all, only its content remains. */
const char        *rn_html_node_get_href       (const RnHtmlNode   *node);
/* IMAGE: src is absolute http(s) or NULL (dropped, or images NEVER). */
const char        *rn_html_node_get_src        (const RnHtmlNode   *node);
const char        *rn_html_node_get_alt        (const RnHtmlNode   *node);
/* IMAGE: size in CSS pixels from the attributes, or -1 when not given. */
int                rn_html_node_get_width      (const RnHtmlNode   *node);
int                rn_html_node_get_height     (const RnHtmlNode   *node);
/* IMAGE: a tracking pixel (tiny, hidden or a known tracker address); a
 * renderer shows nothing for it. */
gboolean           rn_html_node_is_tracker     (const RnHtmlNode   *node);

/* Fast plain text of HTML for the full-text index: strips tags, skips the
 * content of script, style, template, noscript, svg… and comments,
 * decodes entities, collapses whitespace (paragraph-ish tags become a
 * newline). No tree is built. Invalid UTF-8 becomes U+FFFD. */
char              *rn_html_to_text             (const char         *html,
                                                gssize              len);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RnHtmlDoc, rn_html_doc_unref)

G_END_DECLS
