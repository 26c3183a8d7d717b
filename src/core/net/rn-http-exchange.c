/* rn-http-exchange.c: one request on the wire.
 *
 * Redirects are followed here rather than by libsoup (SOUP_MESSAGE_NO_REDIRECT)
 * so that we know whether the move was permanent, can refuse a downgrade
 * from https to http, and count hops ourselves. Redirect policy:
 *   - only http and https targets; https → http is refused
 *     (RN_HTTP_ERROR_BAD_REDIRECT): a feed or an API token must not fall
 *     back to clear text silently, and the stored URL must not become one;
 *   - 303, and 301/302 after a POST, continue as GET without a body, as
 *     browsers do; 307/308 keep the method and the body;
 *   - the caller's extra headers are only sent to the host it named.
 *
 * The body is read in chunks and counted after decoding, so a compressed
 * bomb stops at the limit, and an endless stream is dropped as soon as it
 * passes it. Whenever we stop before the end of a body, the stream is
 * closed with a cancelled cancellable: libsoup then drops the connection
 * instead of reading the rest of the body to reuse it. */
#define G_LOG_DOMAIN "rn-http"

#include "config.h"

#include <glib/gi18n.h>

#include "rn-http-private.h"

#define CHUNK_SIZE (64 * 1024)

/* Feeds first, then what sites answer instead (HTML for autodiscovery). */
#define DEFAULT_ACCEPT \
  "application/rss+xml, application/atom+xml, application/feed+json, " \
  "application/rdf+xml;q=0.9, application/xml;q=0.8, text/xml;q=0.8, " \
  "application/json;q=0.7, text/html;q=0.5, */*;q=0.1"

/* Sent only on the single retry after a 401/403/406/429 (see
 * RN_HTTP_REQUEST_BROWSER_UA_RETRY). A current desktop Firefox on Linux. */
#define BROWSER_USER_AGENT \
  "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"

static void send_current (RnHttpJob *job);

const char *
rn_http_browser_user_agent (void)
{
  return BROWSER_USER_AGENT;
}

static void
on_stream_closed (GObject      *object,
                  GAsyncResult *result,
                  gpointer      data)
{
  g_input_stream_close_finish (G_INPUT_STREAM (object), result, NULL);
}

/* Closes without waiting. @complete: the body was read to its end. */
static void
drop_stream (RnHttpJob *job,
             gboolean   complete)
{
  g_autoptr(GCancellable) cancelled = NULL;

  if (job->stream == NULL)
    return;

  if (!complete)
    {
      cancelled = g_cancellable_new ();
      g_cancellable_cancel (cancelled);
    }
  g_input_stream_close_async (job->stream, G_PRIORITY_DEFAULT, cancelled,
                              on_stream_closed, NULL);
  g_clear_object (&job->stream);
}

static gboolean
same_host (RnHttpJob *job)
{
  return g_ascii_strcasecmp (g_uri_get_host (job->current), job->host) == 0;
}

static void
finish_with_error (RnHttpJob *job,
                   GError    *error)
{
  RnHttpResponse *response = rn_http_response_new ();

  drop_stream (job, FALSE);
  response->url = g_uri_to_string (job->current);
  response->status = job->msg != NULL ? soup_message_get_status (job->msg) : 0;
  response->body = g_bytes_new (NULL, 0);
  response->permanent_url = g_strdup (job->permanent_url);
  response->browser_ua = job->browser_ua;
  response->error = error;
  rn_http_job_done (job, response);
}

static void
finish_transport_error (RnHttpJob    *job,
                        const GError *error)
{
  g_debug ("%s: %s (%s %d)", g_uri_get_host (job->current), error->message,
           g_quark_to_string (error->domain), error->code);
  finish_with_error (job, rn_http_transport_error (error, job->msg, job->current,
                                                   job->timed_out));
}

static void
finish (RnHttpJob *job)
{
  RnHttpResponse *response = rn_http_response_new ();
  SoupMessageHeaders *headers = soup_message_get_response_headers (job->msg);
  guint status = soup_message_get_status (job->msg);
  const char *value;

  drop_stream (job, TRUE);

  response->url = g_uri_to_string (job->current);
  response->status = status;
  response->not_modified = status == SOUP_STATUS_NOT_MODIFIED;
  response->permanent_url = g_strdup (job->permanent_url);
  response->browser_ua = job->browser_ua;
  response->gone = status == SOUP_STATUS_GONE;
  response->headers = soup_message_headers_ref (headers);

  value = soup_message_headers_get_one (headers, "ETag");
  response->etag = g_strdup (value != NULL ? value : response->not_modified ? job->etag : NULL);
  value = soup_message_headers_get_one (headers, "Last-Modified");
  response->last_modified = g_strdup (value != NULL ? value
                                      : response->not_modified ? job->last_modified : NULL);
  rn_http_split_content_type (soup_message_headers_get_one (headers, "Content-Type"),
                              &response->content_type, &response->charset);

  if (status == RN_HTTP_STATUS_TOO_MANY_REQUESTS || status == SOUP_STATUS_SERVICE_UNAVAILABLE)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      response->retry_after =
        rn_http_parse_retry_after (soup_message_headers_get_one (headers, "Retry-After"), now);
    }

  response->body = g_byte_array_free_to_bytes (g_steal_pointer (&job->buffer));

  if (!SOUP_STATUS_IS_SUCCESSFUL (status) && status != SOUP_STATUS_NOT_MODIFIED)
    response->error = rn_http_status_error (status, job->current);

  rn_http_job_done (job, response);
}

static void
on_read (GObject      *object,
         GAsyncResult *result,
         gpointer      data)
{
  RnHttpJob *job = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) chunk = NULL;
  gsize size;

  chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result, &error);
  if (chunk == NULL)
    {
      finish_transport_error (job, error);
      return;
    }

  size = g_bytes_get_size (chunk);
  if (size == 0)
    {
      finish (job);
      return;
    }

  if (job->buffer->len + size > job->limit)
    {
      if (job->truncate)
        {
          g_byte_array_append (job->buffer, g_bytes_get_data (chunk, NULL),
                               job->limit - job->buffer->len);
          drop_stream (job, FALSE);
          finish (job);
          return;
        }
      g_autofree char *limit = g_format_size (job->limit);

      finish_with_error (job, g_error_new (RN_HTTP_ERROR, RN_HTTP_ERROR_TOO_LARGE,
                                           _("The answer of %s is larger than the limit of %s"),
                                           g_uri_get_host (job->current), limit));
      return;
    }

  g_byte_array_append (job->buffer, g_bytes_get_data (chunk, NULL), size);
  g_input_stream_read_bytes_async (job->stream,
                                   MIN (CHUNK_SIZE, job->limit - job->buffer->len + 1),
                                   G_PRIORITY_DEFAULT, job->cancellable, on_read, job);
}

static void
read_body (RnHttpJob *job)
{
  guint status = soup_message_get_status (job->msg);
  SoupMessageHeaders *headers = soup_message_get_response_headers (job->msg);
  goffset length;

  job->buffer = g_byte_array_new ();
  job->truncate = !SOUP_STATUS_IS_SUCCESSFUL (status);
  job->limit = job->truncate ? MIN (job->max_body_size, RN_HTTP_ERROR_BODY_SIZE)
                             : job->max_body_size;

  /* A declared length over the limit fails at once, unless the body is
   * compressed: then the length counts encoded bytes, which can be more
   * than the decoded ones (incompressible data), and only reading tells. */
  length = soup_message_headers_get_content_length (headers);
  if (!job->truncate &&
      soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_one (headers, "Content-Encoding") == NULL &&
      length > 0 && (guint64) length > job->limit)
    {
      g_autofree char *limit = g_format_size (job->limit);

      finish_with_error (job, g_error_new (RN_HTTP_ERROR, RN_HTTP_ERROR_TOO_LARGE,
                                           _("The answer of %s is larger than the limit of %s"),
                                           g_uri_get_host (job->current), limit));
      return;
    }

  if (status == SOUP_STATUS_NOT_MODIFIED ||
      g_strcmp0 (soup_message_get_method (job->msg), SOUP_METHOD_HEAD) == 0)
    {
      finish (job);
      return;
    }

  g_input_stream_read_bytes_async (job->stream, MIN (CHUNK_SIZE, job->limit + 1),
                                   G_PRIORITY_DEFAULT, job->cancellable, on_read, job);
}

static gboolean
wants_browser_retry (RnHttpJob *job,
                     guint      status)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (job->msg);

  if (!(job->flags & RN_HTTP_REQUEST_BROWSER_UA_RETRY) || job->browser_ua)
    return FALSE;

  switch (status)
    {
    case SOUP_STATUS_UNAUTHORIZED:
    case SOUP_STATUS_FORBIDDEN:
    case SOUP_STATUS_NOT_ACCEPTABLE:
      return TRUE;
    case RN_HTTP_STATUS_TOO_MANY_REQUESTS:
      return soup_message_headers_get_one (headers, "Retry-After") == NULL;
    default:
      return FALSE;
    }
}

static gboolean
is_http_scheme (GUri *uri)
{
  const char *scheme = g_uri_get_scheme (uri);

  return g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0;
}

static void
follow_redirect (RnHttpJob *job,
                 guint      status)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (job->msg);
  const char *location = soup_message_headers_get_one (headers, "Location");
  const char *host = g_uri_get_host (job->current);
  g_autoptr(GUri) target = NULL;

  drop_stream (job, FALSE);

  if (location != NULL)
    target = g_uri_parse_relative (job->current, location, SOUP_HTTP_URI_FLAGS, NULL);
  if (target == NULL || !is_http_scheme (target) ||
      g_uri_get_host (target) == NULL || g_uri_get_host (target)[0] == '\0')
    {
      finish_with_error (job, g_error_new (RN_HTTP_ERROR, RN_HTTP_ERROR_BAD_REDIRECT,
                                           _("%s redirects to an address that cannot be used"),
                                           host));
      return;
    }

  if (g_ascii_strcasecmp (g_uri_get_scheme (job->current), "https") == 0 &&
      g_ascii_strcasecmp (g_uri_get_scheme (target), "http") == 0)
    {
      finish_with_error (job, g_error_new (RN_HTTP_ERROR, RN_HTTP_ERROR_BAD_REDIRECT,
                                           _("%s redirects from a secure address to an insecure one; "
                                             "the redirect was not followed"), host));
      return;
    }

  if (++job->n_redirects > rn_http_get_max_redirects (job->http))
    {
      finish_with_error (job, g_error_new (RN_HTTP_ERROR, RN_HTTP_ERROR_TOO_MANY_REDIRECTS,
                                           _("%s redirects too many times"), host));
      return;
    }

  if (job->permanent_run &&
      (status == SOUP_STATUS_MOVED_PERMANENTLY || status == SOUP_STATUS_PERMANENT_REDIRECT))
    {
      g_free (job->permanent_url);
      job->permanent_url = g_uri_to_string (target);
    }
  else
    job->permanent_run = FALSE;

  if (status == SOUP_STATUS_SEE_OTHER ||
      ((status == SOUP_STATUS_MOVED_PERMANENTLY || status == SOUP_STATUS_FOUND) &&
       g_strcmp0 (job->method, SOUP_METHOD_POST) == 0))
    {
      if (g_strcmp0 (job->method, SOUP_METHOD_HEAD) != 0)
        {
          g_free (job->method);
          job->method = g_strdup (SOUP_METHOD_GET);
        }
      g_clear_pointer (&job->body, g_bytes_unref);
      g_clear_pointer (&job->content_type, g_free);
    }

  g_debug ("%s: %u → %s", host, status, g_uri_get_host (target));
  g_clear_pointer (&job->current, g_uri_unref);
  job->current = g_steal_pointer (&target);
  send_current (job);
}

static void
on_sent (GObject      *object,
         GAsyncResult *result,
         gpointer      data)
{
  RnHttpJob *job = data;
  g_autoptr(GError) error = NULL;
  guint status;

  job->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (job->stream == NULL)
    {
      finish_transport_error (job, error);
      return;
    }

  status = soup_message_get_status (job->msg);
  switch (status)
    {
    case SOUP_STATUS_MOVED_PERMANENTLY:
    case SOUP_STATUS_FOUND:
    case SOUP_STATUS_SEE_OTHER:
    case SOUP_STATUS_TEMPORARY_REDIRECT:
    case SOUP_STATUS_PERMANENT_REDIRECT:
      follow_redirect (job, status);
      return;
    default:
      break;
    }

  if (wants_browser_retry (job, status))
    {
      g_debug ("%s: %u, retrying with a browser User-Agent", job->host, status);
      drop_stream (job, FALSE);
      job->browser_ua = TRUE;
      rn_http_exchange_start (job);
      return;
    }

  read_body (job);
}

static void
send_current (RnHttpJob *job)
{
  SoupMessageHeaders *headers;

  g_clear_object (&job->msg);
  job->msg = soup_message_new_from_uri (job->method, job->current);
  soup_message_add_flags (job->msg, SOUP_MESSAGE_NO_REDIRECT);
  if (job->flags & RN_HTTP_REQUEST_PRIORITY)
    soup_message_set_priority (job->msg, SOUP_MESSAGE_PRIORITY_HIGH);

  headers = soup_message_get_request_headers (job->msg);

  /* Extra headers first, so that ours below win over a caller's copy. */
  if (job->headers != NULL && same_host (job))
    for (guint i = 0; job->headers[i] != NULL && job->headers[i + 1] != NULL; i += 2)
      soup_message_headers_replace (headers, job->headers[i], job->headers[i + 1]);

  soup_message_headers_replace (headers, "User-Agent",
                                job->browser_ua ? BROWSER_USER_AGENT
                                                : rn_http_get_user_agent (job->http));
  if (job->accept != NULL)
    soup_message_headers_replace (headers, "Accept", job->accept);
  else if (soup_message_headers_get_one (headers, "Accept") == NULL)
    soup_message_headers_replace (headers, "Accept", DEFAULT_ACCEPT);
  if (job->etag != NULL)
    soup_message_headers_replace (headers, "If-None-Match", job->etag);
  if (job->last_modified != NULL)
    soup_message_headers_replace (headers, "If-Modified-Since", job->last_modified);

  if (job->body != NULL)
    soup_message_set_request_body_from_bytes (job->msg,
                                              job->content_type != NULL ? job->content_type
                                                                        : "application/octet-stream",
                                              job->body);

  soup_session_send_async (rn_http_session (job->http), job->msg,
                           (job->flags & RN_HTTP_REQUEST_PRIORITY) ? G_PRIORITY_HIGH
                                                                   : G_PRIORITY_DEFAULT,
                           job->cancellable, on_sent, job);
}

void
rn_http_exchange_start (RnHttpJob *job)
{
  g_clear_pointer (&job->current, g_uri_unref);
  job->current = g_uri_ref (job->uri);
  job->n_redirects = 0;
  job->permanent_run = TRUE;
  g_clear_pointer (&job->permanent_url, g_free);
  send_current (job);
}
