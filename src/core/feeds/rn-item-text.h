/* rn-item-text.h: the plain text of an item for the full-text index. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Appends the text of @html (tags dropped, entities decoded) to @out. */
void rn_item_text_append_html (GString    *out,
                               const char *html);

G_END_DECLS
