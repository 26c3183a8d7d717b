/* rn-feed-store.c: sources, folders, and the items a parser read. */
#define G_LOG_DOMAIN "rn-feeds"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "rn-feed-private.h"
#include "rn-feed-store.h"
#include "store/rn-sql.h"

/* ---- feeds and folders ---- */

typedef struct
{
  const RnFeedSpec *spec;
  gint64            id;
} AddFeed;

static gboolean
add_feed_in_txn (RnStore  *store,
                 sqlite3  *db,
                 gpointer  data,
                 GError  **error)
{
  AddFeed *add = data;
  const RnFeedSpec *spec = add->spec;
  sqlite3_stmt *stmt;
  int rc;

  stmt = rn_store_writer_stmt (store,
    "INSERT INTO feeds (kind, url, user_title, site_url, folder_id, options, added, position) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, (SELECT ifnull(max(position), 0) + 1 FROM feeds))", error);
  if (stmt == NULL)
    return FALSE;
  rn_sql_bind_text (stmt, 1, spec->kind != NULL ? spec->kind : "feed");
  rn_sql_bind_text (stmt, 2, spec->url);
  rn_sql_bind_text (stmt, 3, spec->title);
  rn_sql_bind_text (stmt, 4, spec->site_url);
  if (spec->folder_id > 0)
    sqlite3_bind_int64 (stmt, 5, spec->folder_id);
  rn_sql_bind_text (stmt, 6, spec->options);
  sqlite3_bind_int64 (stmt, 7, g_get_real_time () / G_USEC_PER_SEC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_CONSTRAINT_UNIQUE)
    {
      g_set_error (error, RN_STORE_ERROR, RN_STORE_ERROR_CONSTRAINT,
                   _("You are already subscribed to %s"), spec->url);
      return FALSE;
    }
  if (rc != SQLITE_DONE)
    {
      rn_sql_set_error (error, db, rc, _("Could not add the feed"));
      return FALSE;
    }
  add->id = sqlite3_last_insert_rowid (db);
  rn_store_note_feeds_changed (store);
  return TRUE;
}

gboolean
rn_feed_store_add_feed (RnStore           *store,
                        const RnFeedSpec  *spec,
                        gint64            *out_id,
                        GError           **error)
{
  AddFeed add = { spec, 0 };

  g_return_val_if_fail (RN_IS_STORE (store), FALSE);
  g_return_val_if_fail (spec != NULL && spec->url != NULL, FALSE);

  if (!rn_store_write (store, add_feed_in_txn, &add, error))
    return FALSE;
  if (out_id != NULL)
    *out_id = add.id;
  return TRUE;
}

typedef struct
{
  const char *sql;
  gint64      id;
} ExecOne;

static gboolean
exec_one_in_txn (RnStore  *store,
                 sqlite3  *db,
                 gpointer  data,
                 GError  **error)
{
  ExecOne *one = data;
  sqlite3_stmt *stmt = rn_store_writer_stmt (store, one->sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, one->id);
  if (!rn_sql_step_done (stmt, error))
    return FALSE;
  rn_store_note_feeds_changed (store);
  rn_store_note_items_changed (store);
  return TRUE;
}

gboolean
rn_feed_store_remove_feed (RnStore  *store,
                           gint64    feed_id,
                           GError  **error)
{
  ExecOne one = { "DELETE FROM feeds WHERE id = ?", feed_id };

  return rn_store_write (store, exec_one_in_txn, &one, error);
}

gboolean
rn_feed_store_remove_folder (RnStore  *store,
                             gint64    folder_id,
                             GError  **error)
{
  /* The folder's feeds stay, without a folder (ON DELETE SET NULL). */
  ExecOne one = { "DELETE FROM folders WHERE id = ?", folder_id };

  return rn_store_write (store, exec_one_in_txn, &one, error);
}

typedef struct
{
  gint64      id;
  const char *user_title;
  gint64      folder_id;
  guint       interval;
} UpdateFeed;

static gboolean
update_feed_in_txn (RnStore  *store,
                    sqlite3  *db,
                    gpointer  data,
                    GError  **error)
{
  UpdateFeed *u = data;
  sqlite3_stmt *stmt = rn_store_writer_stmt (store,
    "UPDATE feeds SET user_title = ?, folder_id = ?, refresh_interval = ? WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  rn_sql_bind_text (stmt, 1, u->user_title != NULL && *u->user_title != '\0' ? u->user_title : NULL);
  if (u->folder_id > 0)
    sqlite3_bind_int64 (stmt, 2, u->folder_id);
  if (u->interval > 0)
    sqlite3_bind_int64 (stmt, 3, u->interval);
  sqlite3_bind_int64 (stmt, 4, u->id);
  if (!rn_sql_step_done (stmt, error))
    return FALSE;
  if (sqlite3_changes (db) == 0)
    {
      g_set_error (error, RN_STORE_ERROR, RN_STORE_ERROR_NOT_FOUND, _("There is no feed %" PRId64), u->id);
      return FALSE;
    }
  rn_store_note_feeds_changed (store);
  return TRUE;
}

gboolean
rn_feed_store_update_feed (RnStore     *store,
                           gint64       feed_id,
                           const char  *user_title,
                           gint64       folder_id,
                           guint        refresh_interval,
                           GError     **error)
{
  UpdateFeed u = { feed_id, user_title, folder_id, refresh_interval };

  return rn_store_write (store, update_feed_in_txn, &u, error);
}

gint64
rn_feed_store_ensure_folder (RnStore     *store,
                             sqlite3     *db,
                             gint64       parent_id,
                             const char  *title,
                             GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = rn_store_writer_stmt (store,
    "SELECT id FROM folders WHERE ifnull(parent_id, 0) = ? AND title = ?", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, parent_id);
  rn_sql_bind_text (stmt, 2, title);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
      return id;
    }
  sqlite3_reset (stmt);

  stmt = rn_store_writer_stmt (store,
    "INSERT INTO folders (parent_id, title, position) "
    "VALUES (?, ?, (SELECT ifnull(max(position), 0) + 1 FROM folders))", error);
  if (stmt == NULL)
    return 0;
  if (parent_id > 0)
    sqlite3_bind_int64 (stmt, 1, parent_id);
  rn_sql_bind_text (stmt, 2, title);
  if (!rn_sql_step_done (stmt, error))
    return 0;
  rn_store_note_feeds_changed (store);
  return sqlite3_last_insert_rowid (db);
}

gboolean
rn_feed_store_find_folder (RnStore     *store,
                           const char  *title,
                           gint64       parent_id,
                           gint64      *out_id,
                           GError     **error)
{
  sqlite3_stmt *stmt = rn_store_reader_stmt (store,
    "SELECT id FROM folders WHERE ifnull(parent_id, 0) = ? AND title = ?", error);
  gboolean found;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, parent_id);
  rn_sql_bind_text (stmt, 2, title);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  if (found && out_id != NULL)
    *out_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return found;
}

#define FEED_COLUMNS \
  "f.id, f.kind, coalesce(f.user_title, f.title, f.url), f.url, f.site_url, " \
  "ifnull(f.folder_id, 0), d.title, " \
  "ifnull((SELECT u.n FROM feed_unread u WHERE u.feed_id = f.id), 0), " \
  "f.error, f.failures, ifnull(f.last_success, 0), ifnull(f.next_fetch, 0), " \
  "ifnull(f.refresh_interval, 0), f.disabled " \
  "FROM feeds f LEFT JOIN folders d ON d.id = f.folder_id "

static RnFeed *
feed_from_row (sqlite3_stmt *stmt)
{
  RnFeed *feed = g_object_new (RN_TYPE_FEED, NULL);

  feed->id = sqlite3_column_int64 (stmt, 0);
  feed->kind = rn_sql_dup_text (stmt, 1);
  feed->title = rn_sql_dup_text (stmt, 2);
  feed->url = rn_sql_dup_text (stmt, 3);
  feed->site_url = rn_sql_dup_text (stmt, 4);
  feed->folder_id = sqlite3_column_int64 (stmt, 5);
  feed->folder_title = rn_sql_dup_text (stmt, 6);
  feed->unread_count = (guint) sqlite3_column_int64 (stmt, 7);
  feed->error = rn_sql_dup_text (stmt, 8);
  feed->failures = (guint) sqlite3_column_int (stmt, 9);
  feed->last_success = sqlite3_column_int64 (stmt, 10);
  feed->next_fetch = sqlite3_column_int64 (stmt, 11);
  feed->refresh_interval = (guint) sqlite3_column_int64 (stmt, 12);
  feed->disabled = sqlite3_column_int (stmt, 13) != 0;
  return feed;
}

static GPtrArray *
list_feeds (sqlite3       *db,
            sqlite3_stmt  *stmt,
            GError       **error)
{
  g_autoptr(GPtrArray) feeds = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (feeds, feed_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      rn_sql_set_error (error, db, rc, _("Could not read the feeds"));
      return NULL;
    }
  return g_steal_pointer (&feeds);
}

#define LIST_FEEDS_SQL "SELECT " FEED_COLUMNS "ORDER BY d.position, f.position, f.id"

GPtrArray *
rn_feed_store_list_feeds (RnStore  *store,
                          GError  **error)
{
  sqlite3_stmt *stmt = rn_store_reader_stmt (store, LIST_FEEDS_SQL, error);

  return stmt != NULL ? list_feeds (rn_store_get_reader (store), stmt, error) : NULL;
}

RnFeed *
rn_feed_store_get_feed_on (sqlite3  *db,
                           gint64    feed_id,
                           GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = rn_sql_prepare (db, "SELECT " FEED_COLUMNS "WHERE f.id = ?", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, feed_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, RN_STORE_ERROR, RN_STORE_ERROR_NOT_FOUND,
                   _("There is no feed %" PRId64), feed_id);
      return NULL;
    }
  return feed_from_row (stmt);
}

RnFeed *
rn_feed_store_get_feed (RnStore  *store,
                        gint64    feed_id,
                        GError  **error)
{
  return rn_feed_store_get_feed_on (rn_store_get_reader (store), feed_id, error);
}

guint
rn_feed_store_count_feeds (RnStore *store)
{
  return (guint) rn_sql_query_int (rn_store_get_reader (store), "SELECT count(*) FROM feeds", 0);
}

static GPtrArray *
list_folders (sqlite3_stmt *stmt)
{
  g_autoptr(GPtrArray) folders = g_ptr_array_new_with_free_func (g_object_unref);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      RnFolder *folder = g_object_new (RN_TYPE_FOLDER, NULL);

      folder->id = sqlite3_column_int64 (stmt, 0);
      folder->parent_id = sqlite3_column_int64 (stmt, 1);
      folder->title = rn_sql_dup_text (stmt, 2);
      folder->unread_count = (guint) sqlite3_column_int64 (stmt, 3);
      g_ptr_array_add (folders, folder);
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&folders);
}

#define LIST_FOLDERS_SQL \
  "SELECT d.id, ifnull(d.parent_id, 0), d.title, " \
  "  (SELECT ifnull(sum(u.n), 0) FROM feed_unread u JOIN feeds f ON f.id = u.feed_id " \
  "   WHERE f.folder_id = d.id) " \
  "FROM folders d ORDER BY d.position, d.id"

GPtrArray *
rn_feed_store_list_folders (RnStore  *store,
                            GError  **error)
{
  sqlite3_stmt *stmt = rn_store_reader_stmt (store, LIST_FOLDERS_SQL, error);

  return stmt != NULL ? list_folders (stmt) : NULL;
}

/* ---- both, read on a worker thread ---- */

typedef struct
{
  GPtrArray *feeds;
  GPtrArray *folders;
} RnFeedListing;

static void
listing_free (RnFeedListing *listing)
{
  g_clear_pointer (&listing->feeds, g_ptr_array_unref);
  g_clear_pointer (&listing->folders, g_ptr_array_unref);
  g_free (listing);
}

static void
list_in_thread (GTask        *task,
                gpointer      source,
                gpointer      data,
                GCancellable *cancellable)
{
  RnStore *store = source;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;
  g_autoptr(sqlite3_stmt) feeds_stmt = NULL;
  g_autoptr(sqlite3_stmt) folders_stmt = NULL;
  RnFeedListing *listing = g_new0 (RnFeedListing, 1);

  if (g_task_return_error_if_cancelled (task))
    {
      listing_free (listing);
      return;
    }
  db = rn_store_open_reader (store, &error);
  /* One read transaction: feeds and folders agree. */
  if (db != NULL && rn_sql_exec (db, "BEGIN", &error))
    {
      feeds_stmt = rn_sql_prepare (db, LIST_FEEDS_SQL, &error);
      if (feeds_stmt != NULL)
        listing->feeds = list_feeds (db, feeds_stmt, &error);
      if (listing->feeds != NULL)
        folders_stmt = rn_sql_prepare (db, LIST_FOLDERS_SQL, &error);
      if (folders_stmt != NULL)
        listing->folders = list_folders (folders_stmt);
      g_clear_pointer (&feeds_stmt, sqlite3_finalize);
      g_clear_pointer (&folders_stmt, sqlite3_finalize);
      sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
    }
  sqlite3_close_v2 (db);
  if (listing->folders == NULL)
    {
      listing_free (listing);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, listing, (GDestroyNotify) listing_free);
}

void
rn_feed_store_list_async (RnStore             *store,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (store, cancellable, callback, user_data);

  g_return_if_fail (RN_IS_STORE (store));
  g_task_set_source_tag (task, rn_feed_store_list_async);
  g_task_run_in_thread (task, list_in_thread);
}

gboolean
rn_feed_store_list_finish (RnStore       *store,
                           GAsyncResult  *result,
                           GPtrArray    **feeds,
                           GPtrArray    **folders,
                           GError       **error)
{
  RnFeedListing *listing;

  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);
  listing = g_task_propagate_pointer (G_TASK (result), error);
  if (listing == NULL)
    return FALSE;
  *feeds = g_steal_pointer (&listing->feeds);
  *folders = g_steal_pointer (&listing->folders);
  listing_free (listing);
  return TRUE;
}
