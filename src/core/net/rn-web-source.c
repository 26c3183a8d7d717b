/* rn-web-source.c: refresh of one web feed.
 *
 * Fetch (main context, async) → parse and write (worker thread, one
 * transaction holding the items and the new validators, so that a crash
 * never keeps validators for items that were not stored). */
#define G_LOG_DOMAIN "rn-web-source"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "feeds/rn-feed-parser.h"
#include "feeds/rn-feed-state.h"
#include "feeds/rn-feed-store.h"
#include "net/rn-web-source.h"

struct _RnWebSource
{
  GObject  parent_instance;

  RnStore *store;
  RnHttp  *http;
};

static void rn_web_source_iface_init (RnSourceInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (RnWebSource, rn_web_source, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (RN_TYPE_SOURCE, rn_web_source_iface_init))

typedef struct _Store Store;

typedef struct
{
  gint64            feed_id;
  char             *item_type;   /* from the feed's options, or NULL */
  RnHttpResponse   *response;
  RnRefreshOutcome  outcome;
  Store            *store;       /* the write, once parsed */
} Job;

static void store_free (Store *s);

static void
job_free (gpointer data)
{
  Job *job = data;

  g_clear_pointer (&job->store, store_free);
  g_clear_pointer (&job->response, rn_http_response_unref);
  rn_refresh_outcome_clear (&job->outcome);
  g_free (job->item_type);
  g_free (job);
}

/* options = {"item_type": "case"} marks a source of teaching cases. */
static char *
item_type_from_options (const char *options)
{
  g_autoptr(JsonParser) parser = NULL;
  JsonNode *root;

  if (options == NULL)
    return NULL;
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, options, -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  return g_strdup (json_object_get_string_member_with_default (json_node_get_object (root), "item_type", NULL));
}

struct _Store
{
  Job           *job;
  RnParsedFeed  *parsed;
  RnIngestStats  stats;
};

static void
store_free (Store *s)
{
  rn_parsed_feed_free (s->parsed);
  g_free (s);
}

static gboolean
store_in_txn (RnStore  *store,
              sqlite3  *db,
              gpointer  data,
              GError  **error)
{
  Store *s = data;

  memset (&s->stats, 0, sizeof s->stats);
  return rn_feed_store_ingest (store, db, s->job->feed_id, s->parsed, s->job->item_type,
                               g_get_real_time () / G_USEC_PER_SEC, &s->stats, error) &&
         rn_feed_store_set_validators (store, s->job->feed_id, s->job->response->etag,
                                       s->job->response->last_modified, error);
}

static void
on_stored (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RnWebSource *self = g_task_get_source_object (task);
  Job *job = g_task_get_task_data (task);
  Store *s = job->store;
  g_autoptr(GError) error = NULL;

  if (!rn_store_write_finish (self->store, result, &error))
    {
      job->outcome.status = RN_REFRESH_FAILED;
      job->outcome.error = g_strdup (error->message);
    }
  else
    {
      job->outcome.status = s->stats.added > 0 || s->stats.updated > 0 ? RN_REFRESH_OK : RN_REFRESH_NOT_MODIFIED;
      job->outcome.new_items = s->stats.added;
      job->outcome.updated_items = s->stats.updated;
      job->outcome.ttl = s->parsed->ttl > 0 ? (guint) MIN (s->parsed->ttl, (gint64) G_MAXUINT) : 0;
    }
  g_task_return_boolean (task, TRUE);
}

/* On a worker thread: parsing is pure. */
static void
parse_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  Job *job = task_data;
  RnHttpResponse *r = job->response;
  g_autoptr(GError) error = NULL;
  g_autofree char *content_type = NULL;
  RnParsedFeed *parsed;

  if (r->content_type != NULL && r->charset != NULL)
    content_type = g_strdup_printf ("%s; charset=%s", r->content_type, r->charset);
  else
    content_type = g_strdup (r->content_type);

  parsed = rn_feed_parse (r->body, content_type, r->url, &error);
  if (parsed == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (parsed->recovered)
    g_debug ("Feed %" G_GINT64_FORMAT " was not well-formed: %s", job->feed_id,
             parsed->error != NULL ? parsed->error : "");
  g_task_return_pointer (task, parsed, (GDestroyNotify) rn_parsed_feed_free);
}

/* Back on the main context: hand the items to the store's writer, which
 * commits them together with other feeds' (group commit). */
static void
on_parsed (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RnWebSource *self = RN_WEB_SOURCE (source);
  Job *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  RnParsedFeed *parsed = g_task_propagate_pointer (G_TASK (result), &error);

  if (parsed == NULL)
    {
      if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
        {
          g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Refresh cancelled"));
          return;
        }
      job->outcome.status = RN_REFRESH_FAILED;
      job->outcome.error = g_strdup_printf (_("Not a feed that RadNet can read: %s"), error->message);
      g_task_return_boolean (task, TRUE);
      return;
    }

  job->store = g_new0 (Store, 1);
  job->store->job = job;
  job->store->parsed = parsed;
  {
    GCancellable *cancellable = g_task_get_cancellable (task);

    rn_store_write_async (self->store, store_in_txn, job->store, NULL,
                          cancellable, on_stored, g_steal_pointer (&task));
  }
}

static void
on_fetched (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Job *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  RnHttpResponse *r;

  job->response = rn_http_fetch_finish (RN_HTTP (source), result, &error);
  r = job->response;
  job->outcome.http_status = r->status;
  job->outcome.retry_after = r->retry_after;
  job->outcome.gone = r->gone;
  job->outcome.moved_to = g_strdup (r->permanent_url);

  if (g_error_matches (error, RN_HTTP_ERROR, RN_HTTP_ERROR_CANCELLED) ||
      g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Refresh cancelled"));
      return;
    }
  if (error != NULL)
    {
      job->outcome.status = RN_REFRESH_FAILED;
      job->outcome.error = g_strdup (error->message);
      g_task_return_boolean (task, TRUE);
      return;
    }
  if (r->not_modified)
    {
      job->outcome.status = RN_REFRESH_NOT_MODIFIED;
      g_task_return_boolean (task, TRUE);
      return;
    }
  {
    /* The parse gets its own task so that its result is a parsed feed;
     * the refresh task waits for the write that follows. */
    RnWebSource *self = g_task_get_source_object (task);
    GCancellable *cancellable = g_task_get_cancellable (task);
    g_autoptr(GTask) parse = g_task_new (self, cancellable, on_parsed, g_steal_pointer (&task));

    g_task_set_task_data (parse, job, NULL);
    g_task_run_in_thread (parse, parse_in_thread);
  }
}

static void
rn_web_source_refresh_async (RnSource            *source,
                             gint64               feed_id,
                             gboolean             user_requested,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  RnWebSource *self = RN_WEB_SOURCE (source);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(RnFeedFetchInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  RnHttpRequest request = { 0 };
  Job *job;

  g_task_set_source_tag (task, rn_web_source_refresh_async);
  job = g_new0 (Job, 1);
  job->feed_id = feed_id;
  g_task_set_task_data (task, job, job_free);

  info = rn_feed_store_get_fetch_info (rn_store_get_reader (self->store), feed_id, &error);
  if (info == NULL)
    {
      job->outcome.status = RN_REFRESH_FAILED;
      job->outcome.error = g_strdup (error->message);
      g_task_return_boolean (task, TRUE);
      return;
    }
  job->item_type = item_type_from_options (info->options);

  request.url = info->url;
  request.etag = info->etag;
  request.last_modified = info->last_modified;
  request.flags = RN_HTTP_REQUEST_BROWSER_UA_RETRY |
                  (user_requested ? RN_HTTP_REQUEST_PRIORITY : RN_HTTP_REQUEST_NONE);
  rn_http_fetch_async (self->http, &request, cancellable, on_fetched, g_steal_pointer (&task));
}

static gboolean
rn_web_source_refresh_finish (RnSource          *source,
                              GAsyncResult      *result,
                              RnRefreshOutcome  *outcome,
                              GError           **error)
{
  Job *job = g_task_get_task_data (G_TASK (result));

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  *outcome = job->outcome;
  memset (&job->outcome, 0, sizeof job->outcome);   /* moved to the caller */
  return TRUE;
}

static const char *
rn_web_source_get_kind (RnSource *source)
{
  return "feed";
}

static void
rn_web_source_iface_init (RnSourceInterface *iface)
{
  iface->get_kind = rn_web_source_get_kind;
  iface->refresh_async = rn_web_source_refresh_async;
  iface->refresh_finish = rn_web_source_refresh_finish;
}

static void
rn_web_source_finalize (GObject *object)
{
  RnWebSource *self = RN_WEB_SOURCE (object);

  g_clear_object (&self->store);
  g_clear_object (&self->http);

  G_OBJECT_CLASS (rn_web_source_parent_class)->finalize (object);
}

static void
rn_web_source_class_init (RnWebSourceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rn_web_source_finalize;
}

static void
rn_web_source_init (RnWebSource *self)
{
}

RnWebSource *
rn_web_source_new (RnStore *store,
                   RnHttp  *http)
{
  RnWebSource *self = g_object_new (RN_TYPE_WEB_SOURCE, NULL);

  self->store = g_object_ref (store);
  self->http = g_object_ref (http);
  return self;
}
