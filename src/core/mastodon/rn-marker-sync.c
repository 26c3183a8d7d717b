/* rn-marker-sync.c: the home timeline's read position, both ways, one
 * account after another, one sync at a time. */
#define G_LOG_DOMAIN "rn-markers"

#include "config.h"

#include "rn-marker-sync.h"
#include "rn-mastodon-actions.h"
#include "rn-mastodon-read-position.h"

struct _RnMarkerSync
{
  GObject          parent_instance;

  RnStore         *store;
  RnHttp          *http;
  RnCredentials   *credentials;
  GCancellable    *cancellable;     /* of every request; cancelled on dispose */
  guint            delay_ms;

  /* the sync running */
  gboolean         busy;
  gboolean         pull;
  GArray          *accounts;
  guint            next;
  guint            marked;
  char            *local;           /* the current account's local position */
  gint64           run_new_from;    /* first item that arrived for this sync */
  GPtrArray       *tasks;           /* waiting for this sync */

  /* the next one */
  gboolean         queued;
  gboolean         queued_pull;
  GPtrArray       *queued_tasks;

  gint64           new_from;        /* first item that arrived since, or 0 */
  guint            timeout_id;
  gulong           added_id;
  gulong           changed_id;
  gulong           network_id;
  GNetworkMonitor *monitor;
};

G_DEFINE_FINAL_TYPE (RnMarkerSync, rn_marker_sync, G_TYPE_OBJECT)

static void start_sync (RnMarkerSync *self);
static void sync_next_account (RnMarkerSync *self);

static void
finish_sync (RnMarkerSync *self)
{
  g_autoptr(GPtrArray) tasks = g_steal_pointer (&self->tasks);

  self->busy = FALSE;
  g_clear_pointer (&self->accounts, g_array_unref);
  g_clear_pointer (&self->local, g_free);
  if (self->marked > 0)
    g_debug ("Read position: %u posts marked read", self->marked);
  for (guint k = 0; k < tasks->len; k++)
    {
      GTask *task = g_ptr_array_index (tasks, k);

      if (!g_task_return_error_if_cancelled (task))
        g_task_return_int (task, self->marked);
    }
  if (self->queued)
    start_sync (self);
}

static void
on_pushed (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  g_autoptr(RnMarkerSync) self = data;
  g_autoptr(GError) error = NULL;

  /* Kept locally either way: the next sync sends it again. */
  if (!rn_mastodon_markers_set_finish (result, &error))
    g_debug ("Read position not sent: %s", error->message);
  sync_next_account (self);
}

/* Sends the position if the server (@server, when it was asked) or the
 * local table is behind the posts read here. */
static void
push (RnMarkerSync *self,
      gint64        account_id,
      const char   *server)
{
  g_autofree char *through = rn_mastodon_home_read_through (self->store, account_id);
  const char *known = rn_mastodon_id_compare (self->local, server) > 0 ? self->local : server;
  const char *target = NULL;

  /* Moved here while the server could not be told. */
  if (server != NULL && rn_mastodon_id_compare (self->local, server) > 0)
    target = self->local;
  if (through != NULL && rn_mastodon_id_compare (through, known) > 0)
    target = through;
  if (target == NULL)
    {
      sync_next_account (self);
      return;
    }
  g_debug ("Read position of account %" G_GINT64_FORMAT ": sending %s", account_id, target);
  rn_mastodon_markers_set_async (self->store, self->http, self->credentials, account_id, target,
                                 self->cancellable, on_pushed, g_object_ref (self));
}

/* Marks read what the position covers: every post when it moved, else
 * only the posts that just arrived (one marked unread here stays so). */
static void
apply_position (RnMarkerSync *self,
                gint64        account_id,
                const char   *server)
{
  g_autoptr(GError) error = NULL;
  const char *position;
  gint64 from;
  guint marked = 0;

  if (server != NULL && rn_mastodon_id_compare (self->local, server) < 0)
    {
      position = server;
      from = 0;
    }
  else if (self->run_new_from > 0)
    {
      position = self->local != NULL ? self->local : server;
      from = self->run_new_from;
    }
  else
    return;
  if (position == NULL)
    return;
  if (!rn_mastodon_home_mark_read_until (self->store, account_id, position, from, &marked, &error))
    g_warning ("Could not apply the read position: %s", error->message);
  self->marked += marked;
}

static void
on_pulled (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  g_autoptr(RnMarkerSync) self = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *server = rn_mastodon_markers_get_finish (result, &error);
  gint64 account_id = g_array_index (self->accounts, gint64, self->next - 1);

  if (error != NULL)
    {
      /* Unreachable, signed out or refused: this account waits for the
       * next sync (new posts still meet the position known here); an
       * expired sign-in is reported by its refresh. */
      g_debug ("Read position of account %" G_GINT64_FORMAT " not fetched: %s", account_id, error->message);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        self->next = self->accounts->len;
      else
        apply_position (self, account_id, NULL);
      sync_next_account (self);
      return;
    }
  apply_position (self, account_id, server);
  push (self, account_id, server);
}

static void
sync_next_account (RnMarkerSync *self)
{
  gint64 account_id;

  if (self->next >= self->accounts->len || g_cancellable_is_cancelled (self->cancellable))
    {
      finish_sync (self);
      return;
    }
  account_id = g_array_index (self->accounts, gint64, self->next++);
  g_free (self->local);
  self->local = rn_mastodon_markers_get_local (self->store, account_id, "home");
  if (self->pull)
    rn_mastodon_markers_get_async (self->store, self->http, self->credentials, account_id,
                                   self->cancellable, on_pulled, g_object_ref (self));
  else
    push (self, account_id, NULL);
}

static void
start_sync (RnMarkerSync *self)
{
  g_assert (!self->busy && self->queued);
  self->busy = TRUE;
  self->queued = FALSE;
  self->pull = self->queued_pull;
  self->queued_pull = FALSE;
  self->tasks = g_steal_pointer (&self->queued_tasks);
  self->queued_tasks = g_ptr_array_new_with_free_func (g_object_unref);
  /* New posts are checked against the position by the pull. */
  self->run_new_from = self->pull ? self->new_from : 0;
  if (self->pull)
    self->new_from = 0;
  self->accounts = rn_mastodon_home_accounts (self->store);
  self->next = 0;
  self->marked = 0;
  sync_next_account (self);
}

static void
queue_sync (RnMarkerSync *self,
            gboolean      pull,
            GTask        *task)
{
  self->queued = TRUE;
  self->queued_pull |= pull;
  if (task != NULL)
    g_ptr_array_add (self->queued_tasks, g_object_ref (task));
  if (!self->busy)
    start_sync (self);
}

void
rn_marker_sync_run_async (RnMarkerSync        *self,
                          gboolean             pull,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (RN_IS_MARKER_SYNC (self));
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rn_marker_sync_run_async);
  queue_sync (self, pull, task);
}

guint
rn_marker_sync_run_finish (RnMarkerSync  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  gssize n;

  g_return_val_if_fail (g_task_is_valid (result, self), 0);
  n = g_task_propagate_int (G_TASK (result), error);
  return n < 0 ? 0 : (guint) n;
}

/* ---- following the store and the network ---- */

static gboolean
on_timeout (gpointer data)
{
  RnMarkerSync *self = data;

  self->timeout_id = 0;
  queue_sync (self, FALSE, NULL);
  return G_SOURCE_REMOVE;
}

/* Waits a little, gathering further changes into the same sync; a pull
 * asked for meanwhile is kept. */
static void
schedule (RnMarkerSync *self,
          gboolean      pull)
{
  self->queued_pull |= pull;
  if (self->timeout_id == 0)
    self->timeout_id = g_timeout_add (self->delay_ms, on_timeout, self);
}

static void
on_items_added (RnMarkerSync *self,
                gint64        first,
                gint64        last)
{
  if (self->new_from == 0 || first < self->new_from)
    self->new_from = first;
  schedule (self, TRUE);
}

static void
on_items_changed (RnMarkerSync *self)
{
  schedule (self, FALSE);
}

static void
on_network_changed (RnMarkerSync *self,
                    gboolean      available)
{
  if (available)
    schedule (self, TRUE);
}

void
rn_marker_sync_start (RnMarkerSync *self)
{
  g_return_if_fail (RN_IS_MARKER_SYNC (self));
  if (self->added_id != 0)
    return;
  self->added_id = g_signal_connect_swapped (self->store, "items-added", G_CALLBACK (on_items_added), self);
  self->changed_id = g_signal_connect_swapped (self->store, "items-changed", G_CALLBACK (on_items_changed), self);
  self->monitor = g_object_ref (g_network_monitor_get_default ());
  self->network_id = g_signal_connect_swapped (self->monitor, "network-changed",
                                               G_CALLBACK (on_network_changed), self);
  queue_sync (self, TRUE, NULL);
}

void
rn_marker_sync_set_delay (RnMarkerSync *self,
                          guint         delay_ms)
{
  g_return_if_fail (RN_IS_MARKER_SYNC (self));
  self->delay_ms = delay_ms;
}

static void
rn_marker_sync_dispose (GObject *object)
{
  RnMarkerSync *self = RN_MARKER_SYNC (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->added_id != 0)
    {
      g_clear_signal_handler (&self->added_id, self->store);
      g_clear_signal_handler (&self->changed_id, self->store);
      g_clear_signal_handler (&self->network_id, self->monitor);
    }
  g_clear_object (&self->monitor);
  G_OBJECT_CLASS (rn_marker_sync_parent_class)->dispose (object);
}

static void
rn_marker_sync_finalize (GObject *object)
{
  RnMarkerSync *self = RN_MARKER_SYNC (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);
  g_clear_object (&self->http);
  g_clear_object (&self->credentials);
  g_clear_pointer (&self->queued_tasks, g_ptr_array_unref);
  G_OBJECT_CLASS (rn_marker_sync_parent_class)->finalize (object);
}

static void
rn_marker_sync_class_init (RnMarkerSyncClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rn_marker_sync_dispose;
  object_class->finalize = rn_marker_sync_finalize;
}

static void
rn_marker_sync_init (RnMarkerSync *self)
{
  self->cancellable = g_cancellable_new ();
  self->delay_ms = RN_MARKER_SYNC_DEFAULT_DELAY_MS;
  self->queued_tasks = g_ptr_array_new_with_free_func (g_object_unref);
}

RnMarkerSync *
rn_marker_sync_new (RnStore       *store,
                    RnHttp        *http,
                    RnCredentials *credentials)
{
  RnMarkerSync *self = g_object_new (RN_TYPE_MARKER_SYNC, NULL);

  self->store = g_object_ref (store);
  self->http = g_object_ref (http);
  self->credentials = g_object_ref (credentials);
  return self;
}
