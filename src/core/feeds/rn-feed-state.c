/* rn-feed-state.c: refresh bookkeeping of sources. */
#define G_LOG_DOMAIN "rn-feeds"

#include "config.h"

#include <inttypes.h>

#include <glib/gi18n.h>

#include "rn-feed-state.h"
#include "store/rn-sql.h"

void
rn_feed_fetch_info_free (RnFeedFetchInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->kind);
  g_free (info->url);
  g_free (info->title);
  g_free (info->etag);
  g_free (info->last_modified);
  g_free (info->options);
  g_free (info);
}

RnFeedFetchInfo *
rn_feed_store_get_fetch_info (sqlite3  *db,
                              gint64    feed_id,
                              GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = rn_sql_prepare (db,
    "SELECT kind, url, coalesce(user_title, title, url), etag, last_modified, options, "
    "failures, ifnull(refresh_interval, 0), disabled FROM feeds WHERE id = ?", error);
  RnFeedFetchInfo *info;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, feed_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, RN_STORE_ERROR, RN_STORE_ERROR_NOT_FOUND,
                   _("There is no feed %" PRId64), feed_id);
      return NULL;
    }
  info = g_new0 (RnFeedFetchInfo, 1);
  info->id = feed_id;
  info->kind = rn_sql_dup_text (stmt, 0);
  info->url = rn_sql_dup_text (stmt, 1);
  info->title = rn_sql_dup_text (stmt, 2);
  info->etag = rn_sql_dup_text (stmt, 3);
  info->last_modified = rn_sql_dup_text (stmt, 4);
  info->options = rn_sql_dup_text (stmt, 5);
  info->failures = (guint) sqlite3_column_int (stmt, 6);
  info->refresh_interval = (guint) sqlite3_column_int64 (stmt, 7);
  info->disabled = sqlite3_column_int (stmt, 8) != 0;
  return info;
}

GArray *
rn_feed_store_list_refreshable (RnStore  *store,
                                gint64    feed_id,
                                gint64    folder_id,
                                gboolean  due_only,
                                gint64    now,
                                GError  **error)
{
  sqlite3_stmt *stmt = rn_store_reader_stmt (store,
    "SELECT id FROM feeds WHERE disabled = 0 "
    "AND (?1 = 0 OR id = ?1) AND (?2 = 0 OR folder_id = ?2) "
    "AND (?3 = 0 OR next_fetch IS NULL OR next_fetch <= ?4) "
    "ORDER BY ifnull(last_success, 0), position, id", error);
  GArray *ids;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, feed_id);
  sqlite3_bind_int64 (stmt, 2, folder_id);
  sqlite3_bind_int (stmt, 3, due_only);
  sqlite3_bind_int64 (stmt, 4, now);
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  return ids;
}

gint64
rn_feed_next_delay (const RnRefreshOutcome *outcome,
                    guint                   failures,
                    guint                   feed_interval,
                    guint                   default_interval)
{
  gint64 base = feed_interval > 0 ? feed_interval : default_interval;
  gint64 delay;

  base = CLAMP (base, RN_FEED_MIN_INTERVAL, RN_FEED_MAX_INTERVAL);

  if (outcome->status == RN_REFRESH_FAILED)
    {
      /* base, 2×base, 4×base, … up to a day */
      guint shift = MIN (failures > 0 ? failures - 1 : 0, 16);
      delay = MIN (base << shift, (gint64) RN_FEED_MAX_INTERVAL);
    }
  else
    {
      /* A source may ask to be left alone longer (ttl, sy:updatePeriod),
       * never more often than we would look anyway, at most a day. */
      delay = MAX (base, (gint64) outcome->ttl);
      delay = MIN (delay, (gint64) RN_FEED_MAX_INTERVAL);
    }
  return MAX (delay, (gint64) outcome->retry_after);
}

typedef struct
{
  gint64                  feed_id;
  const RnRefreshOutcome *outcome;
  guint                   default_interval;
  gint64                  now;
} Record;

static gboolean
record_in_txn (RnStore  *store,
               sqlite3  *db,
               gpointer  data,
               GError  **error)
{
  Record *r = data;
  const RnRefreshOutcome *o = r->outcome;
  gboolean failed = o->status == RN_REFRESH_FAILED;
  g_autoptr(sqlite3_stmt) read = rn_sql_prepare (db,
    "SELECT failures, ifnull(refresh_interval, 0) FROM feeds WHERE id = ?", error);
  sqlite3_stmt *stmt;
  guint failures = 0, interval = 0;

  if (read == NULL)
    return FALSE;
  sqlite3_bind_int64 (read, 1, r->feed_id);
  if (sqlite3_step (read) != SQLITE_ROW)
    return TRUE;   /* removed meanwhile: nothing to record */
  failures = failed ? (guint) sqlite3_column_int (read, 0) + 1 : 0;
  interval = (guint) sqlite3_column_int64 (read, 1);

  stmt = rn_store_writer_stmt (store,
    "UPDATE feeds SET last_fetch = ?1, "
    "last_success = CASE WHEN ?2 THEN last_success ELSE ?1 END, "
    "failures = ?3, error = ?4, http_status = ?5, next_fetch = ?6, "
    "retry_after = ?7, disabled = disabled OR ?8 WHERE id = ?9", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, r->now);
  sqlite3_bind_int (stmt, 2, failed);
  sqlite3_bind_int (stmt, 3, (int) failures);
  rn_sql_bind_text (stmt, 4, failed ? (o->error != NULL ? o->error : _("Unknown error")) : NULL);
  if (o->http_status > 0)
    sqlite3_bind_int (stmt, 5, (int) o->http_status);
  sqlite3_bind_int64 (stmt, 6, r->now + rn_feed_next_delay (o, failures, interval, r->default_interval));
  if (o->retry_after > 0)
    sqlite3_bind_int64 (stmt, 7, r->now + o->retry_after);
  sqlite3_bind_int (stmt, 8, o->gone);
  sqlite3_bind_int64 (stmt, 9, r->feed_id);
  if (!rn_sql_step_done (stmt, error))
    return FALSE;

  if (o->moved_to != NULL)
    {
      /* Keep the old address if another subscription already has the new. */
      stmt = rn_store_writer_stmt (store,
        "UPDATE OR IGNORE feeds SET url = ? WHERE id = ?", error);
      if (stmt == NULL)
        return FALSE;
      rn_sql_bind_text (stmt, 1, o->moved_to);
      sqlite3_bind_int64 (stmt, 2, r->feed_id);
      if (!rn_sql_step_done (stmt, error))
        return FALSE;
    }
  rn_store_note_feeds_changed (store);
  return TRUE;
}

gboolean
rn_feed_store_record_outcome (RnStore                *store,
                              gint64                  feed_id,
                              const RnRefreshOutcome *outcome,
                              guint                   default_interval,
                              gint64                  now,
                              GError                **error)
{
  Record r = { feed_id, outcome, default_interval, now };

  return rn_store_write (store, record_in_txn, &r, error);
}

gboolean
rn_feed_store_set_validators (RnStore     *store,
                              gint64       feed_id,
                              const char  *etag,
                              const char  *last_modified,
                              GError     **error)
{
  sqlite3_stmt *stmt = rn_store_writer_stmt (store,
    "UPDATE feeds SET etag = ?, last_modified = ? WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  rn_sql_bind_text (stmt, 1, etag);
  rn_sql_bind_text (stmt, 2, last_modified);
  sqlite3_bind_int64 (stmt, 3, feed_id);
  return rn_sql_step_done (stmt, error);
}

typedef struct
{
  Record           record;
  RnRefreshOutcome outcome;
} RecordJob;

static void
record_job_free (gpointer data)
{
  RecordJob *job = data;

  rn_refresh_outcome_clear (&job->outcome);
  g_free (job);
}

void
rn_feed_store_record_outcome_async (RnStore                *store,
                                    gint64                  feed_id,
                                    const RnRefreshOutcome *outcome,
                                    guint                   default_interval,
                                    gint64                  now,
                                    GAsyncReadyCallback     callback,
                                    gpointer                user_data)
{
  RecordJob *job = g_new0 (RecordJob, 1);

  job->outcome = *outcome;
  job->outcome.moved_to = g_strdup (outcome->moved_to);
  job->outcome.error = g_strdup (outcome->error);
  job->record.feed_id = feed_id;
  job->record.outcome = &job->outcome;
  job->record.default_interval = default_interval;
  job->record.now = now;
  /* The job starts with its Record, so record_in_txn can take it as is. */
  rn_store_write_async (store, record_in_txn, job, record_job_free, NULL, callback, user_data);
}
