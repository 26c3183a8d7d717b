#define G_LOG_DOMAIN "rn-store"

#include "config.h"

#include <glib/gi18n.h>

#include "rn-sql.h"
#include "rn-store.h"

void
rn_sql_set_error (GError     **error,
                  sqlite3     *db,
                  int          rc,
                  const char  *what)
{
  RnStoreError code;
  const char *detail = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_FULL:
      code = RN_STORE_ERROR_FULL;
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      code = RN_STORE_ERROR_CORRUPT;
      break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
      code = RN_STORE_ERROR_READ_ONLY;
      break;
    case SQLITE_CONSTRAINT:
      code = RN_STORE_ERROR_CONSTRAINT;
      break;
    case SQLITE_INTERRUPT:
      code = RN_STORE_ERROR_CANCELLED;
      break;
    default:
      code = RN_STORE_ERROR_FAILED;
      break;
    }

  if (code == RN_STORE_ERROR_FULL)
    g_set_error_literal (error, RN_STORE_ERROR, code,
                         _("The disk is full: RadNet could not save changes to its library. "
                           "Free some space and try again."));
  else
    g_set_error (error, RN_STORE_ERROR, code, "%s: %s", what, detail);
}

gboolean
rn_sql_exec (sqlite3     *db,
             const char  *sql,
             GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      rn_sql_set_error (error, db, rc, "Database statement failed");
      return FALSE;
    }
  return TRUE;
}

sqlite3_stmt *
rn_sql_prepare (sqlite3     *db,
                const char  *sql,
                GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      rn_sql_set_error (error, db, rc, "Could not prepare a database query");
      return NULL;
    }
  return stmt;
}

gboolean
rn_sql_step_done (sqlite3_stmt  *stmt,
                  GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      rn_sql_set_error (error, sqlite3_db_handle (stmt), rc, "Database write failed");
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

void
rn_sql_bind_text (sqlite3_stmt *stmt,
                  int           index,
                  const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

const char *
rn_sql_column_text (sqlite3_stmt *stmt,
                    int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

char *
rn_sql_dup_text (sqlite3_stmt *stmt,
                 int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

gint64
rn_sql_query_int (sqlite3    *db,
                  const char *sql,
                  gint64      fallback)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 value = fallback;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return fallback;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  return value;
}
