/* rn-index-text.h: the plain text the full-text index holds for an item,
 * and the SQL function that computes it.
 *
 * The index (items_fts) is an external-content FTS5 table over the view
 * items_text, whose body is rn_item_text(summary, content): the text is
 * computed, never stored twice. Triggers on items keep the index in sync,
 * so every connection that writes items must have the function
 * (rn_index_text_register() — the store does it for its connections).
 *
 * FTS5 removes an entry by tokenizing the text it indexed once more: what
 * rn_item_text() returns for a row must never change. A change to the text
 * extraction needs a migration that runs
 * INSERT INTO items_fts (items_fts) VALUES ('rebuild'). */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* Appends the text of @html (rn_html_to_text()) to @out, separated from
 * what is there by a newline. */
void rn_index_text_append_html (GString    *out,
                                const char *html);
int  rn_index_text_register    (sqlite3    *db);

G_END_DECLS
