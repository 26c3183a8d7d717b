/* rn-http.c: the session, the queue and the limits.
 *
 * Requests wait in two FIFO queues (user requests, then scheduled ones).
 * Whenever a slot frees up, the queues are scanned from the front for the
 * first request whose host is under its own limit, so one slow host never
 * holds up the others. A job keeps the slot of the host it was queued for
 * through its redirects and its browser retry.
 *
 * Back-off: after a 429, or a 503 with Retry-After, the host is remembered
 * with the time it named. Until then requests to it fail at once with
 * RN_HTTP_ERROR_RATE_LIMITED and response->retry_after set to the seconds
 * left, without touching the network. Failing fast (rather than parking the
 * request) keeps the queue moving for the thousands of other feeds and hands
 * the decision when to try again to the scheduler, which knows the feed. */
#define G_LOG_DOMAIN "rn-http"

#include "config.h"

#include <glib/gi18n.h>

#include "rn-http-private.h"

/* Ceilings of the properties; the session's own pool is sized to them so
 * that libsoup never queues behind our back. */
#define MAX_CONNECTIONS_CEILING          64
#define MAX_CONNECTIONS_PER_HOST_CEILING 16
#define MAX_TIMEOUT                      3600
/* Without Retry-After, a 429 still silences the host for this long. */
#define DEFAULT_429_BACKOFF              60

struct _RnHttp
{
  GObject      parent_instance;

  SoupSession *session;
  char        *user_agent;

  guint        max_connections;
  guint        max_connections_per_host;
  guint        connect_timeout;
  guint        timeout;
  guint        max_redirects;

  GQueue       priority_queue;   /* RnHttpJob * */
  GQueue       queue;
  GHashTable  *active_per_host;  /* host → GUINT */
  guint        n_active;
  gboolean     dispatching;      /* dispatch() is on the stack */
  GHashTable  *backoff;          /* host → gint64 * monotonic deadline (µs) */
};

G_DEFINE_FINAL_TYPE (RnHttp, rn_http, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_MAX_CONNECTIONS,
  PROP_MAX_CONNECTIONS_PER_HOST,
  PROP_CONNECT_TIMEOUT,
  PROP_TIMEOUT,
  PROP_MAX_REDIRECTS,
  PROP_USER_AGENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void dispatch (RnHttp *self);

/* Jobs ------------------------------------------------------------------ */

static void
job_free (RnHttpJob *job)
{
  if (job->cancel_source != NULL)
    {
      g_source_destroy (job->cancel_source);
      g_source_unref (job->cancel_source);
    }
  if (job->timeout_source != NULL)
    {
      g_source_destroy (job->timeout_source);
      g_source_unref (job->timeout_source);
    }
  g_free (job->host);
  g_uri_unref (job->uri);
  g_free (job->method);
  g_clear_pointer (&job->body, g_bytes_unref);
  g_free (job->content_type);
  g_free (job->accept);
  g_free (job->etag);
  g_free (job->last_modified);
  g_strfreev (job->headers);
  g_clear_object (&job->cancellable);
  g_clear_pointer (&job->current, g_uri_unref);
  g_free (job->permanent_url);
  g_clear_object (&job->msg);
  g_clear_object (&job->stream);
  g_clear_pointer (&job->buffer, g_byte_array_unref);
  g_free (job);
}

static void
host_count_add (RnHttp     *self,
                const char *host,
                int         delta)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (self->active_per_host, host));

  n += delta;
  if (n == 0)
    g_hash_table_remove (self->active_per_host, host);
  else
    g_hash_table_insert (self->active_per_host, g_strdup (host), GUINT_TO_POINTER (n));
}

static guint
backoff_remaining (RnHttp     *self,
                   const char *host)
{
  gint64 *deadline = g_hash_table_lookup (self->backoff, host);
  gint64 now = g_get_monotonic_time ();

  if (deadline == NULL)
    return 0;
  if (*deadline <= now)
    {
      g_hash_table_remove (self->backoff, host);
      return 0;
    }
  return (guint) ((*deadline - now + G_TIME_SPAN_SECOND - 1) / G_TIME_SPAN_SECOND);
}

void
rn_http_note_retry_after (RnHttp     *self,
                          const char *host,
                          guint       seconds)
{
  gint64 *deadline;

  if (seconds == 0)
    return;
  seconds = MIN (seconds, RN_HTTP_MAX_RETRY_AFTER);
  /* Keep the later of two deadlines: a short answer must not cut a long
   * wait another response asked for. */
  if (backoff_remaining (self, host) >= seconds)
    return;

  g_debug ("backing off %s for %u s", host, seconds);
  deadline = g_new (gint64, 1);
  *deadline = g_get_monotonic_time () + (gint64) seconds * G_TIME_SPAN_SECOND;
  g_hash_table_insert (self->backoff, g_strdup (host), deadline);
}

/* Every job ends here exactly once, queued or running. */
void
rn_http_job_done (RnHttpJob      *job,
                  RnHttpResponse *response)
{
  RnHttp *self = job->http;
  GTask *task = job->task;
  gboolean was_started = job->started;

  if (response->status == RN_HTTP_STATUS_TOO_MANY_REQUESTS && response->retry_after == 0)
    rn_http_note_retry_after (self, job->host, DEFAULT_429_BACKOFF);
  else if (response->status == RN_HTTP_STATUS_TOO_MANY_REQUESTS ||
           response->status == SOUP_STATUS_SERVICE_UNAVAILABLE)
    rn_http_note_retry_after (self, job->host, response->retry_after);

  if (was_started)
    {
      self->n_active--;
      host_count_add (self, job->host, -1);
    }

  g_debug ("%s %s: %u%s%s", job->method, g_uri_get_host (job->uri), response->status,
           response->error ? ": " : "", response->error ? response->error->message : "");

  job->task = NULL;
  job_free (job);

  g_task_return_pointer (task, response, (GDestroyNotify) rn_http_response_unref);
  g_object_unref (task);

  if (was_started)
    dispatch (self);
}

static void
job_fail (RnHttpJob *job,
          GError    *error)
{
  RnHttpResponse *response = rn_http_response_new ();

  response->url = g_uri_to_string (job->current != NULL ? job->current : job->uri);
  response->body = g_bytes_new (NULL, 0);
  response->error = error;
  rn_http_job_done (job, response);
}

static gboolean
on_total_timeout (gpointer data)
{
  RnHttpJob *job = data;

  g_debug ("%s: total timeout", g_uri_get_host (job->uri));
  job->timed_out = TRUE;
  g_cancellable_cancel (job->cancellable);
  return G_SOURCE_REMOVE;
}

/* Runs on our main context whatever thread cancelled the caller's
 * cancellable. */
static gboolean
on_caller_cancelled (GCancellable *cancellable,
                     gpointer      data)
{
  RnHttpJob *job = data;
  RnHttp *self = job->http;

  job->cancelled = TRUE;
  if (job->started)
    {
      g_cancellable_cancel (job->cancellable);
      return G_SOURCE_REMOVE;
    }

  if (!g_queue_remove (&self->priority_queue, job))
    g_queue_remove (&self->queue, job);
  job_fail (job, g_error_new_literal (RN_HTTP_ERROR, RN_HTTP_ERROR_CANCELLED,
                                      _("The download was cancelled")));
  return G_SOURCE_REMOVE;
}

static void
job_start (RnHttp    *self,
           RnHttpJob *job)
{
  guint wait = backoff_remaining (self, job->host);

  job->started = TRUE;
  self->n_active++;
  host_count_add (self, job->host, +1);

  if (wait > 0)
    {
      RnHttpResponse *response = rn_http_response_new ();

      response->url = g_uri_to_string (job->uri);
      response->body = g_bytes_new (NULL, 0);
      response->retry_after = wait;
      response->error = g_error_new (RN_HTTP_ERROR, RN_HTTP_ERROR_RATE_LIMITED,
                                     ngettext ("%s asked to wait; try again in %u second",
                                               "%s asked to wait; try again in %u seconds",
                                               wait),
                                     job->host, wait);
      rn_http_job_done (job, response);
      return;
    }

  if (self->timeout > 0)
    {
      job->timeout_source = g_timeout_source_new_seconds (self->timeout);
      g_source_set_callback (job->timeout_source, on_total_timeout, job, NULL);
      g_source_attach (job->timeout_source, g_task_get_context (job->task));
    }

  rn_http_exchange_start (job);
}

static gboolean
host_has_room (RnHttp     *self,
               const char *host)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->active_per_host, host))
         < self->max_connections_per_host;
}

static RnHttpJob *
take_next (RnHttp *self,
           GQueue *queue)
{
  for (GList *l = queue->head; l != NULL; l = l->next)
    {
      RnHttpJob *job = l->data;

      if (host_has_room (self, job->host))
        {
          g_queue_delete_link (queue, l);
          return job;
        }
    }
  return NULL;
}

/* A job may end inside job_start() (back-off): the loop below then goes
 * on instead of recursing once per job. */
static void
dispatch (RnHttp *self)
{
  if (self->dispatching)
    return;

  self->dispatching = TRUE;
  while (self->n_active < self->max_connections)
    {
      RnHttpJob *job = take_next (self, &self->priority_queue);

      if (job == NULL)
        job = take_next (self, &self->queue);
      if (job == NULL)
        break;
      job_start (self, job);
    }
  self->dispatching = FALSE;
}

/* Public API ------------------------------------------------------------ */

static gboolean
is_http_uri (GUri *uri)
{
  const char *scheme = g_uri_get_scheme (uri);
  const char *host = g_uri_get_host (uri);

  return (g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0)
         && host != NULL && host[0] != '\0';
}

void
rn_http_fetch_async (RnHttp              *self,
                     const RnHttpRequest *request,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GUri) uri = NULL;
  RnHttpJob *job;

  g_return_if_fail (RN_IS_HTTP (self));
  g_return_if_fail (request != NULL);
  g_return_if_fail (request->url != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, rn_http_fetch_async);
  /* A cancelled fetch still returns its response (with CANCELLED). */
  g_task_set_check_cancellable (task, FALSE);

  uri = g_uri_parse (request->url, SOUP_HTTP_URI_FLAGS, NULL);
  if (uri == NULL || !is_http_uri (uri))
    {
      RnHttpResponse *response = rn_http_response_new ();

      response->url = g_strdup (request->url);
      response->body = g_bytes_new (NULL, 0);
      response->error = g_error_new (RN_HTTP_ERROR, RN_HTTP_ERROR_INVALID_URL,
                                     _("Not a web address: %s"), request->url);
      g_task_return_pointer (task, response, (GDestroyNotify) rn_http_response_unref);
      return;
    }

  job = g_new0 (RnHttpJob, 1);
  job->http = self;
  job->task = g_steal_pointer (&task);
  job->host = g_ascii_strdown (g_uri_get_host (uri), -1);
  job->uri = g_steal_pointer (&uri);
  job->method = g_strdup (request->method != NULL ? request->method : SOUP_METHOD_GET);
  job->body = request->body != NULL ? g_bytes_ref (request->body) : NULL;
  job->content_type = g_strdup (request->content_type);
  job->accept = g_strdup (request->accept);
  job->etag = g_strdup (request->etag);
  job->last_modified = g_strdup (request->last_modified);
  job->headers = g_strdupv ((char **) request->headers);
  job->max_body_size = request->max_body_size > 0 ? request->max_body_size
                                                  : RN_HTTP_DEFAULT_MAX_BODY_SIZE;
  job->flags = request->flags;
  job->cancellable = g_cancellable_new ();

  if (cancellable != NULL)
    {
      job->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (job->cancel_source, (GSourceFunc) on_caller_cancelled, job, NULL);
      g_source_attach (job->cancel_source, g_task_get_context (job->task));
    }

  if (job->flags & RN_HTTP_REQUEST_PRIORITY)
    g_queue_push_tail (&self->priority_queue, job);
  else
    g_queue_push_tail (&self->queue, job);

  dispatch (self);
}

RnHttpResponse *
rn_http_fetch_finish (RnHttp        *self,
                      GAsyncResult  *result,
                      GError       **error)
{
  RnHttpResponse *response;

  g_return_val_if_fail (RN_IS_HTTP (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == rn_http_fetch_async, NULL);

  response = g_task_propagate_pointer (G_TASK (result), NULL);
  g_assert (response != NULL);
  if (response->error != NULL)
    g_propagate_error (error, g_error_copy (response->error));
  return response;
}

SoupSession *
rn_http_get_session (RnHttp *self)
{
  g_return_val_if_fail (RN_IS_HTTP (self), NULL);

  return self->session;
}

SoupSession *
rn_http_session (RnHttp *self)
{
  return self->session;
}

const char *
rn_http_get_user_agent (RnHttp *self)
{
  g_return_val_if_fail (RN_IS_HTTP (self), NULL);

  return self->user_agent;
}

guint
rn_http_get_n_queued (RnHttp *self)
{
  g_return_val_if_fail (RN_IS_HTTP (self), 0);

  return self->priority_queue.length + self->queue.length;
}

guint
rn_http_get_n_active (RnHttp *self)
{
  g_return_val_if_fail (RN_IS_HTTP (self), 0);

  return self->n_active;
}

guint
rn_http_get_host_backoff (RnHttp     *self,
                          const char *host)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (RN_IS_HTTP (self), 0);
  g_return_val_if_fail (host != NULL, 0);

  lower = g_ascii_strdown (host, -1);
  return backoff_remaining (self, lower);
}

#define DEFINE_UINT_PROPERTY(name, field, PROP, after)                  \
  guint                                                                 \
  rn_http_get_##name (RnHttp *self)                                     \
  {                                                                     \
    g_return_val_if_fail (RN_IS_HTTP (self), 0);                        \
    return self->field;                                                 \
  }                                                                     \
  void                                                                  \
  rn_http_set_##name (RnHttp *self,                                     \
                      guint   value)                                    \
  {                                                                     \
    g_return_if_fail (RN_IS_HTTP (self));                               \
    value = CLAMP (value, G_PARAM_SPEC_UINT (properties[PROP])->minimum, \
                   G_PARAM_SPEC_UINT (properties[PROP])->maximum);      \
    if (self->field == value)                                           \
      return;                                                           \
    self->field = value;                                                \
    after;                                                              \
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP]);       \
  }

DEFINE_UINT_PROPERTY (max_connections, max_connections, PROP_MAX_CONNECTIONS, dispatch (self))
DEFINE_UINT_PROPERTY (max_connections_per_host, max_connections_per_host,
                      PROP_MAX_CONNECTIONS_PER_HOST, dispatch (self))
DEFINE_UINT_PROPERTY (connect_timeout, connect_timeout, PROP_CONNECT_TIMEOUT,
                      soup_session_set_timeout (self->session, value))
DEFINE_UINT_PROPERTY (timeout, timeout, PROP_TIMEOUT, (void) 0)
DEFINE_UINT_PROPERTY (max_redirects, max_redirects, PROP_MAX_REDIRECTS, (void) 0)

#undef DEFINE_UINT_PROPERTY

/* GObject --------------------------------------------------------------- */

static void
rn_http_dispose (GObject *object)
{
  RnHttp *self = RN_HTTP (object);

  /* Each job holds a reference through its task, so nothing is queued or
   * running by now. */
  g_assert (self->n_active == 0);
  g_assert (g_queue_is_empty (&self->queue));
  g_assert (g_queue_is_empty (&self->priority_queue));

  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (rn_http_parent_class)->dispose (object);
}

static void
rn_http_finalize (GObject *object)
{
  RnHttp *self = RN_HTTP (object);

  g_free (self->user_agent);
  g_hash_table_unref (self->active_per_host);
  g_hash_table_unref (self->backoff);

  G_OBJECT_CLASS (rn_http_parent_class)->finalize (object);
}

static void
rn_http_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  RnHttp *self = RN_HTTP (object);

  switch (prop_id)
    {
    case PROP_MAX_CONNECTIONS:
      g_value_set_uint (value, self->max_connections);
      break;
    case PROP_MAX_CONNECTIONS_PER_HOST:
      g_value_set_uint (value, self->max_connections_per_host);
      break;
    case PROP_CONNECT_TIMEOUT:
      g_value_set_uint (value, self->connect_timeout);
      break;
    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;
    case PROP_MAX_REDIRECTS:
      g_value_set_uint (value, self->max_redirects);
      break;
    case PROP_USER_AGENT:
      g_value_set_string (value, self->user_agent);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rn_http_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  RnHttp *self = RN_HTTP (object);

  switch (prop_id)
    {
    case PROP_MAX_CONNECTIONS:
      rn_http_set_max_connections (self, g_value_get_uint (value));
      break;
    case PROP_MAX_CONNECTIONS_PER_HOST:
      rn_http_set_max_connections_per_host (self, g_value_get_uint (value));
      break;
    case PROP_CONNECT_TIMEOUT:
      rn_http_set_connect_timeout (self, g_value_get_uint (value));
      break;
    case PROP_TIMEOUT:
      rn_http_set_timeout (self, g_value_get_uint (value));
      break;
    case PROP_MAX_REDIRECTS:
      rn_http_set_max_redirects (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
rn_http_class_init (RnHttpClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = rn_http_dispose;
  object_class->finalize = rn_http_finalize;
  object_class->get_property = rn_http_get_property;
  object_class->set_property = rn_http_set_property;

  properties[PROP_MAX_CONNECTIONS] =
    g_param_spec_uint ("max-connections", NULL, NULL,
                       1, MAX_CONNECTIONS_CEILING, RN_HTTP_DEFAULT_MAX_CONNECTIONS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MAX_CONNECTIONS_PER_HOST] =
    g_param_spec_uint ("max-connections-per-host", NULL, NULL,
                       1, MAX_CONNECTIONS_PER_HOST_CEILING, RN_HTTP_DEFAULT_MAX_CONNECTIONS_PER_HOST,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONNECT_TIMEOUT] =
    g_param_spec_uint ("connect-timeout", NULL, NULL,
                       1, MAX_TIMEOUT, RN_HTTP_DEFAULT_CONNECT_TIMEOUT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL,
                       1, MAX_TIMEOUT, RN_HTTP_DEFAULT_TIMEOUT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MAX_REDIRECTS] =
    g_param_spec_uint ("max-redirects", NULL, NULL,
                       0, 20, RN_HTTP_DEFAULT_MAX_REDIRECTS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_USER_AGENT] =
    g_param_spec_string ("user-agent", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
rn_http_init (RnHttp *self)
{
  self->max_connections = RN_HTTP_DEFAULT_MAX_CONNECTIONS;
  self->max_connections_per_host = RN_HTTP_DEFAULT_MAX_CONNECTIONS_PER_HOST;
  self->connect_timeout = RN_HTTP_DEFAULT_CONNECT_TIMEOUT;
  self->timeout = RN_HTTP_DEFAULT_TIMEOUT;
  self->max_redirects = RN_HTTP_DEFAULT_MAX_REDIRECTS;
  self->user_agent = g_strdup_printf ("%s/%s (+%s)", PACKAGE_NAME, PACKAGE_VERSION, PACKAGE_URL);
  g_queue_init (&self->queue);
  g_queue_init (&self->priority_queue);
  self->active_per_host = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->backoff = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  /* Certificates are checked against the system's trust store by default;
   * nothing here may weaken that (no accept-certificate handler, no
   * tls-database override). The session has no User-Agent of its own:
   * libsoup would overwrite ours on every message, and the browser retry
   * needs another one. Each message gets it in rn-http-exchange.c. */
  self->session = soup_session_new_with_options ("timeout", self->connect_timeout,
                                                 "max-conns", MAX_CONNECTIONS_CEILING,
                                                 "max-conns-per-host", MAX_CONNECTIONS_PER_HOST_CEILING,
                                                 NULL);
  /* The decoder sends Accept-Encoding and inflates gzip/deflate; we count
   * the inflated bytes against the limit. */
  if (!soup_session_has_feature (self->session, SOUP_TYPE_CONTENT_DECODER))
    soup_session_add_feature_by_type (self->session, SOUP_TYPE_CONTENT_DECODER);
}

RnHttp *
rn_http_new (void)
{
  return g_object_new (RN_TYPE_HTTP, NULL);
}
