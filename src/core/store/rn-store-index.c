/* rn-store-index.c: fts_pending → items_fts. */
#define G_LOG_DOMAIN "rn-store"

#include "config.h"

#include "rn-sql.h"
#include "rn-store-index.h"

/* Any large figure gives the range delete its seek. */
#define PAGES_ESTIMATE "1000000"

gboolean
rn_store_index_mend_stats (sqlite3  *db,
                           GError  **error)
{
  if (rn_sql_query_int (db, "SELECT count(*) FROM sqlite_schema WHERE name = 'sqlite_stat1'", 0) == 0)
    return TRUE;
  /* Set to a large count rather than deleted: reading the statistics
   * again keeps a table's old estimate when its row is gone. */
  if (!rn_sql_exec (db, "UPDATE sqlite_stat1 SET stat = '" PAGES_ESTIMATE "' "
                        "WHERE tbl = 'items_fts_data' AND stat != '" PAGES_ESTIMATE "'", error))
    return FALSE;
  /* Statistics are read with the schema; this has them read again. */
  return sqlite3_changes (db) == 0 || rn_sql_exec (db, "ANALYZE sqlite_schema", error);
}

gint64
rn_store_index_count_pending (sqlite3 *db)
{
  return rn_sql_query_int (db, "SELECT count(*) FROM fts_pending", -1);
}

static gboolean
exec_with_bound_max (sqlite3     *db,
                     const char  *sql,
                     gint64       max_id,
                     GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = rn_sql_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, max_id);
  return rn_sql_step_done (stmt, error);
}

gboolean
rn_store_index_pending (RnStoreVocab  *vocab,
                        sqlite3       *db,
                        guint          limit,
                        gint64         notified_upto,
                        gint64        *out_first_new,
                        gint64        *out_last_new,
                        gboolean      *out_more,
                        GError       **error)
{
  g_autoptr(sqlite3_stmt) range = NULL;
  gint64 max_id;

  *out_first_new = *out_last_new = 0;
  *out_more = FALSE;

  range = rn_sql_prepare (db, "SELECT max(id) FROM (SELECT id FROM fts_pending ORDER BY id LIMIT ?)", error);
  if (range == NULL)
    return FALSE;
  sqlite3_bind_int64 (range, 1, limit);
  if (sqlite3_step (range) != SQLITE_ROW || sqlite3_column_type (range, 0) == SQLITE_NULL)
    return TRUE;
  max_id = sqlite3_column_int64 (range, 0);
  g_clear_pointer (&range, sqlite3_finalize);

  /* New items: above what listeners were last told about. */
  range = rn_sql_prepare (db, "SELECT min(id), max(id) FROM fts_pending WHERE id > ? AND id <= ?", error);
  if (range == NULL)
    return FALSE;
  sqlite3_bind_int64 (range, 1, notified_upto);
  sqlite3_bind_int64 (range, 2, max_id);
  if (sqlite3_step (range) == SQLITE_ROW && sqlite3_column_type (range, 0) != SQLITE_NULL)
    {
      *out_first_new = sqlite3_column_int64 (range, 0);
      *out_last_new = sqlite3_column_int64 (range, 1);
    }

  if (!exec_with_bound_max (db, RN_STORE_INDEX_SQL, max_id, error) ||
      !rn_store_vocab_flush (vocab, error) ||
      !exec_with_bound_max (db, "DELETE FROM fts_pending WHERE id <= ?", max_id, error))
    return FALSE;

  *out_more = rn_sql_query_int (db, "SELECT EXISTS (SELECT 1 FROM fts_pending)", 0) != 0;
  return TRUE;
}
