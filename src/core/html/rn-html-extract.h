/* rn-html-extract.h: the main text of a web page (the article, without
 * navigation, sidebars, comments and footers), as a sanitised RnHtmlDoc.
 * Used when the user opens the full article of an item that has only a
 * summary, and for offline snapshots of web pages. */
#pragma once

#include <glib.h>

#include "html/rn-html-doc.h"

G_BEGIN_DECLS

#define RN_HTML_ERROR (rn_html_error_quark ())
GQuark rn_html_error_quark (void);

typedef enum
{
  RN_HTML_ERROR_NO_CONTENT,   /* the page has no recognisable main text */
} RnHtmlError;

/* Finds the main text of the page in @html (@len bytes, -1: NUL-terminated)
 * with a readability-style heuristic: containers are scored by the
 * paragraphs they hold (text length, commas), less their link density,
 * plus hints from class and id ("article", "content", "post" up; "comment",
 * "sidebar", "footer", "share", "related", "ad" down); <article> and <main>
 * are preferred. The best container and those of its siblings that score
 * well enough are kept; inside them, boilerplate blocks (navigation, share
 * bars, link lists) are dropped. The result is sanitised with the default
 * RnHtmlPolicy, relative URLs resolved against @base_uri.
 *
 * @out_title (nullable) receives og:title, else <title> without a trailing
 * site name, else the first <h1>, or NULL when the page has none.
 * Returns FALSE with RN_HTML_ERROR_NO_CONTENT when nothing readable is
 * found. Safe on any input; runs in time linear in its size. */
gboolean rn_html_extract_article (const char  *html,
                                  gssize       len,
                                  const char  *base_uri,
                                  char       **out_title,
                                  RnHtmlDoc  **out_doc,
                                  GError     **error);

G_END_DECLS
