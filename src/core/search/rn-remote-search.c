/* rn-remote-search.c: the remote search interface and its use by columns. */
#define G_LOG_DOMAIN "rn-column"

#include "config.h"

#include "feeds/rn-feed-store.h"
#include "rn-remote-search.h"
#include "store/rn-sql.h"

G_DEFINE_INTERFACE (RnRemoteSearch, rn_remote_search, G_TYPE_OBJECT)

static void
rn_remote_search_default_init (RnRemoteSearchInterface *iface)
{
}

const char *
rn_remote_search_get_key (RnRemoteSearch *self)
{
  g_return_val_if_fail (RN_IS_REMOTE_SEARCH (self), NULL);
  return RN_REMOTE_SEARCH_GET_IFACE (self)->get_key (self);
}

void
rn_remote_search_search_async (RnRemoteSearch      *self,
                               const char          *query_text,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (RN_IS_REMOTE_SEARCH (self));
  g_return_if_fail (query_text != NULL);
  RN_REMOTE_SEARCH_GET_IFACE (self)->search_async (self, query_text, cancellable, callback, user_data);
}

RnParsedFeed *
rn_remote_search_search_finish (RnRemoteSearch  *self,
                                GAsyncResult    *result,
                                GError         **error)
{
  g_return_val_if_fail (RN_IS_REMOTE_SEARCH (self), NULL);
  return RN_REMOTE_SEARCH_GET_IFACE (self)->search_finish (self, result, error);
}

static char *
source_url (RnColumn *column)
{
  return g_strdup_printf ("column:%" G_GINT64_FORMAT, rn_column_get_id (column));
}

gint64
rn_column_ensure_remote_source (RnColumn  *column,
                                GError   **error)
{
  RnStore *store = rn_column_get_store (column);
  g_autofree char *url = source_url (column);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  RnFeedSpec spec = { .kind = RN_REMOTE_SEARCH_KIND, .url = url, .title = rn_column_get_name (column) };
  gint64 id = 0;

  g_return_val_if_fail (RN_IS_COLUMN (column), 0);

  stmt = rn_sql_prepare (rn_store_get_reader (store), "SELECT id FROM feeds WHERE kind = ? AND url = ?", error);
  if (stmt == NULL)
    return 0;
  rn_sql_bind_text (stmt, 1, RN_REMOTE_SEARCH_KIND);
  rn_sql_bind_text (stmt, 2, url);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  if (!rn_feed_store_add_feed (store, &spec, &id, error))
    return 0;
  return id;
}

typedef struct
{
  gint64  feed_id;
  guint   pending;
  gint64  added;
  GError *error;    /* the first search that failed */
} RemoteJob;

static void
remote_job_free (RemoteJob *job)
{
  g_clear_error (&job->error);
  g_free (job);
}

static void
finish_one (GTask *task)
{
  RemoteJob *job = g_task_get_task_data (task);

  if (--job->pending == 0)
    {
      if (job->error != NULL)
        g_task_return_error (task, g_steal_pointer (&job->error));
      else
        g_task_return_int (task, job->added);
    }
  g_object_unref (task);
}

static void
on_search_done (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  GTask *task = data;
  RemoteJob *job = g_task_get_task_data (task);
  RnColumn *column = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(RnParsedFeed) parsed = NULL;
  RnIngestStats stats = { 0 };

  parsed = rn_remote_search_search_finish (RN_REMOTE_SEARCH (source), result, &error);
  if (parsed == NULL)
    g_debug ("Remote search %s failed: %s", rn_remote_search_get_key (RN_REMOTE_SEARCH (source)),
             error->message);
  else if (!rn_feed_store_ingest_sync (rn_column_get_store (column), job->feed_id, parsed, &stats, &error))
    g_warning ("Could not store remote results of column “%s”: %s",
               rn_column_get_name (column), error->message);
  else
    job->added += stats.added;
  if (error != NULL && job->error == NULL)
    job->error = g_steal_pointer (&error);
  finish_one (task);
}

void
rn_column_search_remote_async (RnColumn            *column,
                               GPtrArray           *searches,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) keys = NULL;
  RemoteJob *job;

  g_return_if_fail (RN_IS_COLUMN (column));
  g_return_if_fail (searches != NULL);

  task = g_task_new (column, cancellable, callback, user_data);
  g_task_set_source_tag (task, rn_column_search_remote_async);
  job = g_new0 (RemoteJob, 1);
  g_task_set_task_data (task, job, (GDestroyNotify) remote_job_free);

  job->feed_id = rn_column_ensure_remote_source (column, &error);
  if (job->feed_id <= 0)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  keys = rn_column_dup_remote_accounts (column);
  job->pending = 1;   /* held until every search is started */
  for (guint i = 0; i < searches->len; i++)
    {
      RnRemoteSearch *search = g_ptr_array_index (searches, i);

      if (!g_strv_contains ((const char * const *) keys, rn_remote_search_get_key (search)))
        continue;
      job->pending++;
      rn_remote_search_search_async (search, rn_column_get_query (column), cancellable,
                                     on_search_done, g_object_ref (task));
    }
  finish_one (g_steal_pointer (&task));
}

gint64
rn_column_search_remote_finish (RnColumn      *column,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, column), -1);
  return g_task_propagate_int (G_TASK (result), error);
}
