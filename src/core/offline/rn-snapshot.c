/* rn-snapshot.c: reading and dropping offline snapshots. */
#define G_LOG_DOMAIN "rn-offline"

#include "config.h"

#include <glib/gi18n.h>

#include "rn-snapshot.h"
#include "store/rn-sql.h"

RnSnapshotState
rn_snapshot_get_state (RnStore  *store,
                       gint64    item_id,
                       char    **out_error)
{
  sqlite3_stmt *stmt;
  RnSnapshotState state = RN_SNAPSHOT_STATE_NONE;

  g_return_val_if_fail (RN_IS_STORE (store), RN_SNAPSHOT_STATE_NONE);

  stmt = rn_store_reader_stmt (store, "SELECT state, error FROM snapshots WHERE item_id = ?", NULL);
  if (stmt == NULL)
    return RN_SNAPSHOT_STATE_NONE;
  sqlite3_bind_int64 (stmt, 1, item_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      state = rn_snapshot_state_from_string (rn_sql_column_text (stmt, 0));
      if (out_error != NULL)
        *out_error = rn_sql_dup_text (stmt, 1);
    }
  else if (out_error != NULL)
    *out_error = NULL;
  sqlite3_reset (stmt);
  return state;
}

gboolean
rn_snapshot_load (RnStore  *store,
                  gint64    item_id,
                  char    **out_html,
                  char    **out_title,
                  GError  **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *html = NULL;
  g_autofree char *title = NULL;
  int rc;

  g_return_val_if_fail (RN_IS_STORE (store), FALSE);
  g_return_val_if_fail (out_html != NULL, FALSE);

  stmt = rn_store_reader_stmt (store,
    "SELECT coalesce(sn.html, i.content, i.summary), coalesce(sn.title, i.title) "
    "FROM items i LEFT JOIN snapshots sn ON sn.item_id = i.id WHERE i.id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, item_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      html = rn_sql_dup_text (stmt, 0);
      title = rn_sql_dup_text (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      rn_sql_set_error (error, rn_store_get_reader (store), rc, "Could not read the snapshot");
      return FALSE;
    }
  if (html == NULL)
    {
      g_set_error (error, RN_STORE_ERROR, RN_STORE_ERROR_NOT_FOUND,
                   _("Nothing of this item is stored to read offline"));
      return FALSE;
    }
  *out_html = g_steal_pointer (&html);
  if (out_title != NULL)
    *out_title = g_steal_pointer (&title);
  return TRUE;
}

GBytes *
rn_snapshot_get_asset (RnStore     *store,
                       gint64       item_id,
                       const char  *url,
                       char       **out_mime)
{
  sqlite3_stmt *stmt;
  GBytes *data = NULL;

  g_return_val_if_fail (RN_IS_STORE (store), NULL);
  g_return_val_if_fail (url != NULL, NULL);

  stmt = rn_store_reader_stmt (store,
    "SELECT mime, data FROM snapshot_assets WHERE item_id = ? AND url = ?", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, item_id);
  rn_sql_bind_text (stmt, 2, url);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      data = g_bytes_new (sqlite3_column_blob (stmt, 1), (gsize) sqlite3_column_bytes (stmt, 1));
      if (out_mime != NULL)
        *out_mime = rn_sql_dup_text (stmt, 0);
    }
  sqlite3_reset (stmt);
  return data;
}

GStrv
rn_snapshot_list_assets (RnStore *store,
                         gint64   item_id)
{
  g_autoptr(GStrvBuilder) urls = g_strv_builder_new ();
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RN_IS_STORE (store), NULL);

  stmt = rn_store_reader_stmt (store, "SELECT url FROM snapshot_assets WHERE item_id = ? ORDER BY id", NULL);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, item_id);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_strv_builder_add (urls, rn_sql_column_text (stmt, 0));
      sqlite3_reset (stmt);
    }
  return g_strv_builder_end (urls);
}

gint64
rn_snapshot_total_bytes (RnStore *store)
{
  g_return_val_if_fail (RN_IS_STORE (store), 0);
  return rn_sql_query_int (rn_store_get_reader (store),
                           "SELECT ifnull(sum(bytes), 0) FROM snapshots", 0);
}

static gboolean
delete_snapshots (RnStore  *store,
                  sqlite3  *db,
                  gpointer  user_data,
                  GError  **error)
{
  gint64 *item_id = user_data;
  sqlite3_stmt *stmt;

  if (item_id == NULL)
    {
      if (!rn_sql_exec (db, "DELETE FROM snapshots", error))
        return FALSE;
    }
  else
    {
      stmt = rn_store_writer_stmt (store, "DELETE FROM snapshots WHERE item_id = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, *item_id);
      if (!rn_sql_step_done (stmt, error))
        return FALSE;
    }
  rn_store_note_items_changed (store);
  return TRUE;
}

gboolean
rn_snapshot_remove (RnStore  *store,
                    gint64    item_id,
                    GError  **error)
{
  g_return_val_if_fail (RN_IS_STORE (store), FALSE);
  return rn_store_write (store, delete_snapshots, &item_id, error);
}

gboolean
rn_snapshot_remove_all (RnStore  *store,
                        GError  **error)
{
  g_return_val_if_fail (RN_IS_STORE (store), FALSE);
  return rn_store_write (store, delete_snapshots, NULL, error);
}
