/* rn-html-test-util.h: helpers the core/html tests share. */
#pragma once

#include "html/rn-html-doc.h"

G_BEGIN_DECLS

/* A compact, deterministic picture of a tree, e.g.
 * "paragraph{text'Hi ',link<http://a/>{text'x'}}". Tracker images are
 * written as "image!" with no attributes when @with_trackers, else left out. */
char     *rn_html_test_dump            (const RnHtmlNode *node,
                                        gboolean          with_trackers);
char     *rn_html_test_dump_doc        (RnHtmlDoc        *doc);
/* Deepest nesting below @node (the node itself counts 1). */
guint     rn_html_test_depth           (const RnHtmlNode *node);
/* Asserts the documented shape rules (block/inline content model, no
 * empty containers, no leading/trailing space in text blocks, valid UTF-8)
 * over the whole tree. */
void      rn_html_test_check_shape     (RnHtmlDoc        *doc);

G_END_DECLS
