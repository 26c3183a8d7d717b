/* rn-action-queue.c: pending_actions, sent in order. */
#define G_LOG_DOMAIN "rn-action-queue"

#include "config.h"

#include <glib/gi18n.h>

#include "accounts/rn-oauth.h"
#include "rn-action-queue.h"
#include "store/rn-sql.h"

struct _RnActionQueue
{
  GObject        parent_instance;

  RnStore       *store;
  RnHttp        *http;
  RnCredentials *credentials;
  GNetworkMonitor *monitor;
  gulong         network_id;

  gboolean       flushing;
  gboolean       again;       /* a flush was asked for while one ran */
  GPtrArray     *waiting;     /* GTask *, completed when the flush ends */
  guint          sent;
  GCancellable  *cancellable; /* of the running flush */
};

G_DEFINE_FINAL_TYPE (RnActionQueue, rn_action_queue, G_TYPE_OBJECT)

typedef struct
{
  gint64  id;
  gint64  account_id;
  char   *action;
  char   *target;
} Pending;

static void
pending_free (Pending *p)
{
  g_free (p->action);
  g_free (p->target);
  g_free (p);
}

static Pending *
next_pending (RnActionQueue *self,
              gint64         after_id)
{
  g_autoptr(sqlite3_stmt) stmt = rn_sql_prepare (rn_store_get_reader (self->store),
    "SELECT id, account_id, action, target FROM pending_actions WHERE id > ? ORDER BY id LIMIT 1", NULL);
  Pending *p;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, after_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  p = g_new0 (Pending, 1);
  p->id = sqlite3_column_int64 (stmt, 0);
  p->account_id = sqlite3_column_int64 (stmt, 1);
  p->action = rn_sql_dup_text (stmt, 2);
  p->target = rn_sql_dup_text (stmt, 3);
  return p;
}

typedef struct
{
  gint64           id;
  gint64           account_id;
  const char      *action;
  const char      *target;
} Row;

static gboolean
delete_in_txn (RnStore  *store,
               sqlite3  *db,
               gpointer  data,
               GError  **error)
{
  Row *row = data;
  sqlite3_stmt *stmt = rn_store_writer_stmt (store, "DELETE FROM pending_actions WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, row->id);
  return rn_sql_step_done (stmt, error);
}

static gboolean
insert_in_txn (RnStore  *store,
               sqlite3  *db,
               gpointer  data,
               GError  **error)
{
  Row *row = data;
  sqlite3_stmt *stmt = rn_store_writer_stmt (store,
    "INSERT INTO pending_actions (account_id, action, target, created) VALUES (?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, row->account_id);
  rn_sql_bind_text (stmt, 2, row->action);
  rn_sql_bind_text (stmt, 3, row->target);
  sqlite3_bind_int64 (stmt, 4, g_get_real_time () / G_USEC_PER_SEC);
  if (!rn_sql_step_done (stmt, error))
    return FALSE;
  row->id = sqlite3_last_insert_rowid (db);
  return TRUE;
}

static void flush_next (RnActionQueue *self, gint64 after_id);

static void
flush_done (RnActionQueue *self)
{
  g_autoptr(GPtrArray) waiting = g_steal_pointer (&self->waiting);
  guint sent = self->sent;

  self->flushing = FALSE;
  self->sent = 0;
  g_clear_object (&self->cancellable);
  self->waiting = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < waiting->len; i++)
    g_task_return_int (g_ptr_array_index (waiting, i), sent);
  if (self->again)
    {
      self->again = FALSE;
      rn_action_queue_flush_async (self, NULL, NULL, NULL);
    }
  g_object_unref (self);   /* held by the flush */
}

static gboolean
permanent_failure (const GError *error)
{
  /* 404 (post deleted) or another 4xx the server will answer again. */
  return g_error_matches (error, RN_MASTODON_ERROR, RN_MASTODON_ERROR_NOT_FOUND) ||
         g_error_matches (error, RN_MASTODON_ERROR, RN_MASTODON_ERROR_FAILED);
}

typedef struct
{
  RnActionQueue *self;
  gint64         id;
} Sending;

static void
on_sent (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  Sending *s = data;
  RnActionQueue *self = s->self;
  gint64 id = s->id;
  g_autoptr(GError) error = NULL;
  Row row = { id, 0, NULL, NULL };

  g_free (s);
  if (rn_mastodon_status_action_finish (result, &error))
    self->sent++;
  else if (permanent_failure (error))
    g_message ("Dropping queued action %" G_GINT64_FORMAT ": %s", id, error->message);
  else
    {
      /* Offline, rate limited, signed out: keep it and stop here. */
      g_debug ("Action queue stopped at %" G_GINT64_FORMAT ": %s", id, error->message);
      flush_done (self);
      return;
    }
  if (!rn_store_write (self->store, delete_in_txn, &row, &error))
    {
      g_warning ("Could not remove a sent action: %s", error->message);
      flush_done (self);
      return;
    }
  flush_next (self, id);
}

static void
flush_next (RnActionQueue *self,
            gint64         after_id)
{
  Pending *p;
  RnMastodonAction action;
  Sending *s;

  if (g_cancellable_is_cancelled (self->cancellable) ||
      (p = next_pending (self, after_id)) == NULL)
    {
      flush_done (self);
      return;
    }
  if (!rn_mastodon_action_from_string (p->action, &action))
    {
      Row row = { p->id, 0, NULL, NULL };

      g_message ("Unknown queued action “%s” dropped", p->action);
      rn_store_write (self->store, delete_in_txn, &row, NULL);
      after_id = p->id;
      pending_free (p);
      flush_next (self, after_id);
      return;
    }
  s = g_new0 (Sending, 1);
  s->self = self;
  s->id = p->id;
  rn_mastodon_status_action_async (self->store, self->http, self->credentials, p->account_id, action,
                                   p->target, self->cancellable, on_sent, s);
  pending_free (p);
}

void
rn_action_queue_flush_async (RnActionQueue       *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (RN_IS_ACTION_QUEUE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rn_action_queue_flush_async);
  g_ptr_array_add (self->waiting, task);
  if (self->flushing)
    {
      self->again = TRUE;
      return;
    }
  self->flushing = TRUE;
  self->cancellable = g_cancellable_new ();
  g_object_ref (self);
  flush_next (self, 0);
}

guint
rn_action_queue_flush_finish (RnActionQueue  *self,
                              GAsyncResult   *result,
                              GError        **error)
{
  gssize n;

  g_return_val_if_fail (g_task_is_valid (result, self), 0);
  n = g_task_propagate_int (G_TASK (result), error);
  return n > 0 ? (guint) n : 0;
}

gboolean
rn_action_queue_add (RnActionQueue     *self,
                     gint64             account_id,
                     RnMastodonAction   action,
                     const char        *status_id,
                     GError           **error)
{
  Row row = { 0, account_id, rn_mastodon_action_to_string (action), status_id };

  g_return_val_if_fail (RN_IS_ACTION_QUEUE (self), FALSE);
  g_return_val_if_fail (status_id != NULL, FALSE);

  if (!rn_store_write (self->store, insert_in_txn, &row, error))
    return FALSE;
  rn_action_queue_flush_async (self, NULL, NULL, NULL);
  return TRUE;
}

guint
rn_action_queue_get_n_pending (RnActionQueue *self)
{
  g_return_val_if_fail (RN_IS_ACTION_QUEUE (self), 0);
  return (guint) rn_sql_query_int (rn_store_get_reader (self->store),
                                   "SELECT count(*) FROM pending_actions", 0);
}

static void
on_network_changed (GNetworkMonitor *monitor,
                    gboolean         available,
                    gpointer         data)
{
  RnActionQueue *self = data;

  if (available && rn_action_queue_get_n_pending (self) > 0)
    rn_action_queue_flush_async (self, NULL, NULL, NULL);
}

void
rn_action_queue_set_watch_network (RnActionQueue *self,
                                   gboolean       watch)
{
  g_return_if_fail (RN_IS_ACTION_QUEUE (self));

  if (watch && self->network_id == 0)
    {
      self->monitor = g_object_ref (g_network_monitor_get_default ());
      self->network_id = g_signal_connect (self->monitor, "network-changed",
                                           G_CALLBACK (on_network_changed), self);
    }
  else if (!watch && self->network_id != 0)
    {
      g_clear_signal_handler (&self->network_id, self->monitor);
      g_clear_object (&self->monitor);
    }
}

static void
rn_action_queue_dispose (GObject *object)
{
  RnActionQueue *self = RN_ACTION_QUEUE (object);

  rn_action_queue_set_watch_network (self, FALSE);
  G_OBJECT_CLASS (rn_action_queue_parent_class)->dispose (object);
}

static void
rn_action_queue_finalize (GObject *object)
{
  RnActionQueue *self = RN_ACTION_QUEUE (object);

  g_clear_object (&self->store);
  g_clear_object (&self->http);
  g_clear_object (&self->credentials);
  g_clear_object (&self->cancellable);
  g_ptr_array_unref (self->waiting);
  G_OBJECT_CLASS (rn_action_queue_parent_class)->finalize (object);
}

static void
rn_action_queue_class_init (RnActionQueueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rn_action_queue_dispose;
  object_class->finalize = rn_action_queue_finalize;
}

static void
rn_action_queue_init (RnActionQueue *self)
{
  self->waiting = g_ptr_array_new_with_free_func (g_object_unref);
}

RnActionQueue *
rn_action_queue_new (RnStore       *store,
                     RnHttp        *http,
                     RnCredentials *credentials)
{
  RnActionQueue *self = g_object_new (RN_TYPE_ACTION_QUEUE, NULL);

  self->store = g_object_ref (store);
  self->http = g_object_ref (http);
  self->credentials = g_object_ref (credentials);
  rn_action_queue_set_watch_network (self, TRUE);
  return self;
}
