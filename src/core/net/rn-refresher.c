/* rn-refresher.c: the refresh queue and its scheduler. */
#define G_LOG_DOMAIN "rn-refresher"

#include "config.h"

#include <glib/gi18n.h>

#include "feeds/rn-feed-state.h"
#include "feeds/rn-feed-store.h"
#include "net/rn-refresher.h"

#define DEFAULT_MAX_JOBS 8
#define SCHEDULE_SECONDS 60

typedef struct
{
  GQueue            queue;           /* feed ids waiting */
  GHashTable       *seen;            /* ids queued in this run */
  guint             active;          /* sources running or being recorded */
  gboolean          user_requested;
  GPtrArray        *tasks;           /* GTask waiting for the end */
  GArray           *cancel_ids;      /* their cancellables' handler ids */
  GCancellable     *cancellable;
  RnRefreshSummary *summary;
  gint64            started;         /* monotonic µs */
} Run;

struct _RnRefresher
{
  GObject          parent_instance;

  RnStore         *store;
  GHashTable      *sources;          /* kind → RnSource */
  GNetworkMonitor *monitor;
  Run             *run;

  guint            n_done;
  guint            n_total;
  char            *current_title;
  guint            max_jobs;
  guint            default_interval;
  guint            retention_days;
  guint            schedule_id;
  gulong           network_id;
};

enum {
  PROP_0,
  PROP_BUSY,
  PROP_N_DONE,
  PROP_N_TOTAL,
  PROP_CURRENT_TITLE,
  PROP_ONLINE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  FEED_REFRESHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (RnRefresher, rn_refresher, G_TYPE_OBJECT)

static void
failure_free (gpointer data)
{
  RnRefreshFailure *f = data;

  g_free (f->title);
  g_free (f->error);
  g_free (f);
}

void
rn_refresh_summary_free (RnRefreshSummary *summary)
{
  if (summary == NULL)
    return;
  g_ptr_array_unref (summary->failures);
  g_free (summary);
}

static RnRefreshSummary *
summary_copy (const RnRefreshSummary *s)
{
  RnRefreshSummary *copy = g_memdup2 (s, sizeof *s);

  copy->failures = g_ptr_array_new_with_free_func (failure_free);
  for (guint i = 0; i < s->failures->len; i++)
    {
      RnRefreshFailure *f = g_ptr_array_index (s->failures, i);
      RnRefreshFailure *c = g_new0 (RnRefreshFailure, 1);

      c->feed_id = f->feed_id;
      c->title = g_strdup (f->title);
      c->error = g_strdup (f->error);
      g_ptr_array_add (copy->failures, c);
    }
  return copy;
}

static void
run_free (Run *run)
{
  g_queue_clear (&run->queue);
  g_hash_table_unref (run->seen);
  g_ptr_array_unref (run->tasks);
  g_array_unref (run->cancel_ids);
  g_object_unref (run->cancellable);
  rn_refresh_summary_free (run->summary);
  g_free (run);
}

static gboolean
is_loopback (const char *url)
{
  g_autoptr(GUri) uri = url != NULL ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;
  const char *host = uri != NULL ? g_uri_get_host (uri) : NULL;

  return host != NULL && (g_str_has_prefix (host, "127.") || g_str_equal (host, "localhost") ||
                          g_str_equal (host, "::1") || g_str_equal (host, "[::1]"));
}

gboolean
rn_refresher_get_online (RnRefresher *self)
{
  g_return_val_if_fail (RN_IS_REFRESHER (self), FALSE);
  return g_network_monitor_get_network_available (self->monitor);
}

static void
set_current_title (RnRefresher *self,
                   const char  *title)
{
  if (g_strcmp0 (self->current_title, title) == 0)
    return;
  g_free (self->current_title);
  self->current_title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_TITLE]);
}

static void pump (RnRefresher *self);

static void
on_pruned (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    g_warning ("Could not remove old items: %s", error->message);
}

static void
prune_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  RnRefresher *self = source_object;
  gint64 before = g_get_real_time () / G_USEC_PER_SEC - (gint64) self->retention_days * 86400;
  GError *error = NULL;
  gint64 removed = rn_item_store_prune (self->store, before, &error);

  if (removed < 0)
    g_task_return_error (task, error);
  else
    {
      g_debug ("Removed %" G_GINT64_FORMAT " old read items", removed);
      g_task_return_boolean (task, TRUE);
    }
}

typedef struct
{
  RnRefresher *self;
  Run         *run;
} Ending;

/* The store has indexed (and announced) the last of the run's items:
 * only now do callers hear that the refresh is over, so a search right
 * after it finds everything it brought. */
static void
on_bulk_ended (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Ending *ending = user_data;
  RnRefresher *self = ending->self;
  Run *run = ending->run;
  gboolean cancelled = g_cancellable_is_cancelled (run->cancellable);
  g_autoptr(GError) error = NULL;

  if (!rn_store_end_bulk_finish (RN_STORE (source), result, &error))
    g_warning ("Could not index the new items: %s", error->message);
  run->summary->seconds = (g_get_monotonic_time () - run->started) / (double) G_USEC_PER_SEC;

  for (guint i = 0; i < run->tasks->len; i++)
    {
      GTask *task = g_ptr_array_index (run->tasks, i);
      gulong id = g_array_index (run->cancel_ids, gulong, i);

      if (id != 0)
        g_cancellable_disconnect (g_task_get_cancellable (task), id);
      if (cancelled)
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Refresh cancelled"));
      else
        g_task_return_pointer (task, summary_copy (run->summary), (GDestroyNotify) rn_refresh_summary_free);
    }
  run_free (run);
  g_object_unref (self);
  g_free (ending);
}

static void
finish_run (RnRefresher *self)
{
  Run *run = self->run;
  gboolean cancelled = g_cancellable_is_cancelled (run->cancellable);
  gboolean full = run->summary->failed + run->summary->ok + run->summary->not_modified > 0;
  Ending *ending = g_new0 (Ending, 1);

  self->run = NULL;

  if (!cancelled && full && self->retention_days > 0)
    {
      g_autoptr(GTask) prune = g_task_new (self, NULL, on_pruned, NULL);
      g_task_run_in_thread (prune, prune_in_thread);
    }

  ending->self = g_object_ref (self);
  ending->run = run;
  rn_store_end_bulk_async (self->store, NULL, on_bulk_ended, ending);

  set_current_title (self, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

typedef struct
{
  RnRefresher *self;
  gint64       feed_id;
  char        *title;
  guint        new_items;
} Step;

static void
step_free (Step *step)
{
  g_object_unref (step->self);
  g_free (step->title);
  g_free (step);
}

static void
step_done (Step *step)
{
  RnRefresher *self = step->self;

  g_debug ("step done: feed %" G_GINT64_FORMAT ", active %u", step->feed_id,
           self->run != NULL ? self->run->active : 0);
  self->n_done++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_DONE]);
  if (self->run != NULL)
    {
      self->run->active--;
      pump (self);
    }
  step_free (step);
}

static void
on_recorded (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Step *step = user_data;
  g_autoptr(GError) error = NULL;

  if (!rn_store_write_finish (step->self->store, result, &error))
    g_warning ("Could not record the refresh of feed %" G_GINT64_FORMAT ": %s",
               step->feed_id, error->message);
  step_done (step);
}

static void
on_source_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Step *step = user_data;
  RnRefresher *self = step->self;
  RnRefreshOutcome outcome = { 0 };
  g_autoptr(GError) error = NULL;
  RnRefreshSummary *summary;

  if (!rn_source_refresh_finish (RN_SOURCE (source), result, &outcome, &error))
    {
      /* Cancelled: nothing was written for this source. */
      step_done (step);
      return;
    }

  summary = self->run->summary;
  switch (outcome.status)
    {
    case RN_REFRESH_OK:
      summary->ok++;
      summary->new_items += outcome.new_items;
      break;
    case RN_REFRESH_NOT_MODIFIED:
      summary->not_modified++;
      break;
    case RN_REFRESH_FAILED:
    default:
      {
        RnRefreshFailure *f = g_new0 (RnRefreshFailure, 1);

        summary->failed++;
        f->feed_id = step->feed_id;
        f->title = g_strdup (step->title);
        f->error = g_strdup (outcome.error);
        g_ptr_array_add (summary->failures, f);
        g_debug ("Refresh of “%s” failed: %s", step->title, outcome.error);
      }
      break;
    }
  g_signal_emit (self, signals[FEED_REFRESHED], 0, step->feed_id, (int) outcome.status);

  rn_feed_store_record_outcome_async (self->store, step->feed_id, &outcome, self->default_interval,
                                      g_get_real_time () / G_USEC_PER_SEC, on_recorded, step);
  rn_refresh_outcome_clear (&outcome);
}

static void
start_one (RnRefresher *self,
           gint64       feed_id)
{
  Run *run = self->run;
  g_autoptr(RnFeedFetchInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  RnSource *source;
  Step *step;

  info = rn_feed_store_get_fetch_info (rn_store_get_reader (self->store), feed_id, &error);
  if (info == NULL)
    {
      /* Removed since it was queued. */
      self->n_done++;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_DONE]);
      return;
    }

  if (!rn_refresher_get_online (self) && !is_loopback (info->url))
    {
      run->summary->skipped++;
      self->n_done++;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_DONE]);
      return;
    }

  step = g_new0 (Step, 1);
  step->self = g_object_ref (self);
  step->feed_id = feed_id;
  step->title = g_strdup (info->title);
  run->active++;
  set_current_title (self, info->title);

  source = g_hash_table_lookup (self->sources, info->kind);
  if (source == NULL)
    {
      RnRefreshOutcome outcome = { .status = RN_REFRESH_FAILED };
      RnRefreshFailure *f = g_new0 (RnRefreshFailure, 1);

      outcome.error = g_strdup_printf (_("RadNet cannot refresh sources of the kind “%s”"), info->kind);
      run->summary->failed++;
      f->feed_id = feed_id;
      f->title = g_strdup (info->title);
      f->error = g_strdup (outcome.error);
      g_ptr_array_add (run->summary->failures, f);
      rn_feed_store_record_outcome_async (self->store, feed_id, &outcome, self->default_interval,
                                          g_get_real_time () / G_USEC_PER_SEC, on_recorded, step);
      rn_refresh_outcome_clear (&outcome);
      return;
    }

  rn_source_refresh_async (source, feed_id, run->user_requested, run->cancellable,
                           on_source_done, step);
}

static void
pump (RnRefresher *self)
{
  Run *run = self->run;

  while (run != NULL && run->active < self->max_jobs && !g_queue_is_empty (&run->queue))
    {
      gint64 *id = g_queue_pop_head (&run->queue);

      if (g_cancellable_is_cancelled (run->cancellable))
        continue;
      start_one (self, *id);
    }
  if (run != NULL && run->active == 0 && g_queue_is_empty (&run->queue))
    finish_run (self);
}

static gboolean
finish_cancelled_run (gpointer user_data)
{
  RnRefresher *self = user_data;

  if (self->run != NULL && self->run->active == 0)
    finish_run (self);
  g_object_unref (self);
  return G_SOURCE_REMOVE;
}

static void
on_caller_cancelled (GCancellable *cancellable,
                     RnRefresher  *self)
{
  rn_refresher_cancel (self);
}

void
rn_refresher_refresh_async (RnRefresher         *self,
                            gint64               feed_id,
                            gint64               folder_id,
                            gboolean             user_requested,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  gboolean started = FALSE;
  guint added = 0;

  g_return_if_fail (RN_IS_REFRESHER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rn_refresher_refresh_async);

  ids = rn_feed_store_list_refreshable (self->store, feed_id, folder_id, !user_requested,
                                        g_get_real_time () / G_USEC_PER_SEC, &error);
  if (ids == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (self->run == NULL)
    {
      Run *run = g_new0 (Run, 1);

      g_queue_init (&run->queue);
      run->seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
      run->tasks = g_ptr_array_new_with_free_func (g_object_unref);
      run->cancel_ids = g_array_new (FALSE, TRUE, sizeof (gulong));
      run->cancellable = g_cancellable_new ();
      run->summary = g_new0 (RnRefreshSummary, 1);
      run->summary->failures = g_ptr_array_new_with_free_func (failure_free);
      run->started = g_get_monotonic_time ();
      self->run = run;
      rn_store_begin_bulk (self->store);
      self->n_done = 0;
      self->n_total = 0;
      started = TRUE;
    }
  self->run->user_requested |= user_requested;

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 *id = g_new (gint64, 1);

      *id = g_array_index (ids, gint64, i);
      if (g_hash_table_contains (self->run->seen, id))
        {
          g_free (id);
          continue;
        }
      g_hash_table_add (self->run->seen, id);
      if (user_requested)
        g_queue_push_head (&self->run->queue, id);
      else
        g_queue_push_tail (&self->run->queue, id);
      added++;
    }

  {
    /* A caller that cancels its request cancels the run. (Connected after
     * the task is in: a cancellable already cancelled calls back now.) */
    gulong id = 0;

    g_ptr_array_add (self->run->tasks, g_steal_pointer (&task));
    g_array_append_val (self->run->cancel_ids, id);
    if (cancellable != NULL)
      {
        id = g_cancellable_connect (cancellable, G_CALLBACK (on_caller_cancelled), self, NULL);
        g_array_index (self->run->cancel_ids, gulong, self->run->cancel_ids->len - 1) = id;
      }
  }

  self->n_total += added;
  g_object_freeze_notify (G_OBJECT (self));
  if (started)
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_DONE]);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_TOTAL]);
  g_object_thaw_notify (G_OBJECT (self));

  pump (self);
}

RnRefreshSummary *
rn_refresher_refresh_finish (RnRefresher   *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
rn_refresher_cancel (RnRefresher *self)
{
  g_return_if_fail (RN_IS_REFRESHER (self));

  if (self->run == NULL)
    return;
  g_queue_clear_full (&self->run->queue, NULL);
  g_cancellable_cancel (self->run->cancellable);
  /* The queue is empty now; running sources finish (cancelled) and the run
   * ends with the last of them. With none running, it ends from an idle:
   * this may be called from a cancellable's handler, where the run's own
   * handlers cannot be disconnected. */
  if (self->run->active == 0)
    g_idle_add (finish_cancelled_run, g_object_ref (self));
}

static void
on_scheduled_done (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(RnRefreshSummary) summary = NULL;
  g_autoptr(GError) error = NULL;

  summary = rn_refresher_refresh_finish (RN_REFRESHER (source), result, &error);
  if (summary != NULL)
    g_debug ("Scheduled refresh: %u new, %u failed", summary->new_items, summary->failed);
}

static gboolean
on_schedule_tick (gpointer user_data)
{
  RnRefresher *self = user_data;

  if (self->run == NULL && rn_refresher_get_online (self))
    rn_refresher_refresh_async (self, 0, 0, FALSE, NULL, on_scheduled_done, NULL);
  return G_SOURCE_CONTINUE;
}

void
rn_refresher_set_scheduled (RnRefresher *self,
                            gboolean     scheduled)
{
  g_return_if_fail (RN_IS_REFRESHER (self));

  if (scheduled == (self->schedule_id != 0))
    return;
  if (scheduled)
    {
      self->schedule_id = g_timeout_add_seconds (SCHEDULE_SECONDS, on_schedule_tick, self);
      /* Catch up right away with what fell due while the app was closed. */
      g_idle_add_once ((GSourceOnceFunc) on_schedule_tick, self);
    }
  else
    g_clear_handle_id (&self->schedule_id, g_source_remove);
}

static void
on_network_changed (GNetworkMonitor *monitor,
                    gboolean         available,
                    RnRefresher     *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ONLINE]);
  if (available && self->schedule_id != 0)
    on_schedule_tick (self);
}

static void
rn_refresher_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  RnRefresher *self = RN_REFRESHER (object);

  switch (prop_id)
    {
    case PROP_BUSY:          g_value_set_boolean (value, self->run != NULL); break;
    case PROP_N_DONE:        g_value_set_uint (value, self->n_done); break;
    case PROP_N_TOTAL:       g_value_set_uint (value, self->n_total); break;
    case PROP_CURRENT_TITLE: g_value_set_string (value, self->current_title); break;
    case PROP_ONLINE:        g_value_set_boolean (value, rn_refresher_get_online (self)); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rn_refresher_dispose (GObject *object)
{
  RnRefresher *self = RN_REFRESHER (object);

  g_clear_handle_id (&self->schedule_id, g_source_remove);
  g_clear_signal_handler (&self->network_id, self->monitor);

  G_OBJECT_CLASS (rn_refresher_parent_class)->dispose (object);
}

static void
rn_refresher_finalize (GObject *object)
{
  RnRefresher *self = RN_REFRESHER (object);

  /* A run holds a reference on the refresher through its steps, so none
   * is left here. */
  g_assert (self->run == NULL);
  g_hash_table_unref (self->sources);
  g_clear_object (&self->monitor);
  g_clear_object (&self->store);
  g_free (self->current_title);

  G_OBJECT_CLASS (rn_refresher_parent_class)->finalize (object);
}

static void
rn_refresher_class_init (RnRefresherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = rn_refresher_dispose;
  object_class->finalize = rn_refresher_finalize;
  object_class->get_property = rn_refresher_get_property;

  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE, flags);
  properties[PROP_N_DONE] = g_param_spec_uint ("n-done", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_N_TOTAL] = g_param_spec_uint ("n-total", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_CURRENT_TITLE] = g_param_spec_string ("current-title", NULL, NULL, NULL, flags);
  properties[PROP_ONLINE] = g_param_spec_boolean ("online", NULL, NULL, TRUE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * RnRefresher::feed-refreshed:
   * @feed_id: the source
   * @status: its #RnRefreshStatus
   */
  signals[FEED_REFRESHED] =
    g_signal_new ("feed-refreshed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT);
}

static void
rn_refresher_init (RnRefresher *self)
{
  self->sources = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->max_jobs = DEFAULT_MAX_JOBS;
  self->default_interval = 60 * 60;
}

RnRefresher *
rn_refresher_new (RnStore *store)
{
  RnRefresher *self;

  g_return_val_if_fail (RN_IS_STORE (store), NULL);

  self = g_object_new (RN_TYPE_REFRESHER, NULL);
  self->store = g_object_ref (store);
  self->monitor = g_object_ref (g_network_monitor_get_default ());
  self->network_id = g_signal_connect (self->monitor, "network-changed",
                                       G_CALLBACK (on_network_changed), self);
  return self;
}

void
rn_refresher_add_source (RnRefresher *self,
                         RnSource    *source)
{
  g_return_if_fail (RN_IS_REFRESHER (self));
  g_return_if_fail (RN_IS_SOURCE (source));

  g_hash_table_replace (self->sources, g_strdup (rn_source_get_kind (source)), g_object_ref (source));
}

gboolean    rn_refresher_get_busy          (RnRefresher *self) { g_return_val_if_fail (RN_IS_REFRESHER (self), FALSE); return self->run != NULL; }
guint       rn_refresher_get_n_done        (RnRefresher *self) { g_return_val_if_fail (RN_IS_REFRESHER (self), 0); return self->n_done; }
guint       rn_refresher_get_n_total       (RnRefresher *self) { g_return_val_if_fail (RN_IS_REFRESHER (self), 0); return self->n_total; }
const char *rn_refresher_get_current_title (RnRefresher *self) { g_return_val_if_fail (RN_IS_REFRESHER (self), NULL); return self->current_title; }

void
rn_refresher_set_max_jobs (RnRefresher *self,
                           guint        max_jobs)
{
  g_return_if_fail (RN_IS_REFRESHER (self));
  self->max_jobs = MAX (max_jobs, 1);
  pump (self);
}

void
rn_refresher_set_default_interval (RnRefresher *self,
                                   guint        seconds)
{
  g_return_if_fail (RN_IS_REFRESHER (self));
  self->default_interval = seconds;
}

void
rn_refresher_set_retention_days (RnRefresher *self,
                                 guint        days)
{
  g_return_if_fail (RN_IS_REFRESHER (self));
  self->retention_days = days;
}
