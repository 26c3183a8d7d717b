/* rn-sql-functions.h: SQL functions RadNet adds to every connection. */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* Registers rn_fold(text) on @db: lower case, without diacritics, so that
 * `rn_fold(title) = rn_fold(?)` compares the way the full-text index does
 * (unicode61 remove_diacritics 2). NULL stays NULL. */
gboolean  rn_sql_functions_register (sqlite3     *db,
                                     GError     **error);

/* The same folding in C, for values that are bound rather than computed. */
char     *rn_sql_fold               (const char  *text);

G_END_DECLS
