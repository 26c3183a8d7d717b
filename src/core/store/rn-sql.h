/* rn-sql.h: small helpers around the SQLite C API shared by every module
 * that owns SQL (store, feeds, search, reading, ...). */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

gboolean      rn_sql_exec          (sqlite3      *db,
                                    const char   *sql,
                                    GError      **error);
sqlite3_stmt *rn_sql_prepare       (sqlite3      *db,
                                    const char   *sql,
                                    GError      **error);
void          rn_sql_set_error     (GError      **error,
                                    sqlite3      *db,
                                    int           rc,
                                    const char   *what);
gboolean      rn_sql_step_done     (sqlite3_stmt *stmt,
                                    GError      **error);
void          rn_sql_bind_text     (sqlite3_stmt *stmt,
                                    int           index,
                                    const char   *text);
const char   *rn_sql_column_text   (sqlite3_stmt *stmt,
                                    int           column);
char         *rn_sql_dup_text      (sqlite3_stmt *stmt,
                                    int           column);
gint64        rn_sql_query_int     (sqlite3      *db,
                                    const char   *sql,
                                    gint64        fallback);

G_END_DECLS
