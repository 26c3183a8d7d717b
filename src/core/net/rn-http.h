/* rn-http.h: the one HTTP client of a library.
 *
 * RnHttp owns a single SoupSession and puts every request through the same
 * rules: a global and a per-host concurrency limit with a FIFO queue (user
 * requests first), a total timeout, a body size limit enforced while
 * reading, redirects followed by hand (so that a permanent move is known),
 * conditional GET, and a per-host back-off after 429/503.
 *
 * Choices a caller should know:
 * - Back-off: after a 429 (with Retry-After, or 60 s without) or a 503 with
 *   Retry-After, the host is remembered. Until the time has passed,
 *   requests to it fail at once, without touching the network, with
 *   RN_HTTP_ERROR_RATE_LIMITED and response->retry_after = seconds left.
 *   The scheduler, which knows the feed, decides when to try again; the
 *   queue stays free for the other hosts.
 * - Redirects: at most "max-redirects"; only to http(s); never from https
 *   to http (RN_HTTP_ERROR_BAD_REDIRECT). response->permanent_url tells
 *   when the address moved for good.
 * - TLS: certificates are checked against the system trust store; there is
 *   no way to accept an invalid one.
 * - Limits: the queue holds a request until both the global and its host's
 *   limit allow it; a request keeps its slot through redirects and the
 *   browser retry. Oversized header blocks are refused by libsoup itself
 *   (RN_HTTP_ERROR_BAD_RESPONSE).
 *
 * All I/O is asynchronous on the thread-default main context of the thread
 * that calls rn_http_fetch_async(); use one RnHttp per thread. */
#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

#define RN_HTTP_ERROR (rn_http_error_quark ())

/**
 * RnHttpError:
 * @RN_HTTP_ERROR_FAILED: anything not covered below
 * @RN_HTTP_ERROR_INVALID_URL: not an absolute http(s) URL
 * @RN_HTTP_ERROR_NOT_FOUND: 404
 * @RN_HTTP_ERROR_GONE: 410: the resource was removed for good
 * @RN_HTTP_ERROR_FORBIDDEN: 401 or 403
 * @RN_HTTP_ERROR_CLIENT: another 4xx status
 * @RN_HTTP_ERROR_SERVER: a 5xx status
 * @RN_HTTP_ERROR_RATE_LIMITED: 429, or the host asked us to wait and the
 *   time has not passed yet (see #RnHttpResponse.retry_after)
 * @RN_HTTP_ERROR_TIMEOUT: connecting, or the whole exchange, took too long
 * @RN_HTTP_ERROR_TOO_LARGE: the (decoded) body is over the size limit
 * @RN_HTTP_ERROR_TOO_MANY_REDIRECTS: more redirects than allowed, or a loop
 * @RN_HTTP_ERROR_BAD_REDIRECT: a redirect without target, to a scheme other
 *   than http(s), or from https to http
 * @RN_HTTP_ERROR_TLS: the server's certificate was refused, or the secure
 *   connection could not be set up
 * @RN_HTTP_ERROR_NETWORK: name resolution, connection or transfer failure
 * @RN_HTTP_ERROR_CANCELLED: the caller's cancellable was cancelled
 * @RN_HTTP_ERROR_BAD_RESPONSE: the server answered something unreadable
 *   (malformed or oversized headers, bad encoding, unexpected status)
 */
typedef enum
{
  RN_HTTP_ERROR_FAILED,
  RN_HTTP_ERROR_INVALID_URL,
  RN_HTTP_ERROR_NOT_FOUND,
  RN_HTTP_ERROR_GONE,
  RN_HTTP_ERROR_FORBIDDEN,
  RN_HTTP_ERROR_CLIENT,
  RN_HTTP_ERROR_SERVER,
  RN_HTTP_ERROR_RATE_LIMITED,
  RN_HTTP_ERROR_TIMEOUT,
  RN_HTTP_ERROR_TOO_LARGE,
  RN_HTTP_ERROR_TOO_MANY_REDIRECTS,
  RN_HTTP_ERROR_BAD_REDIRECT,
  RN_HTTP_ERROR_TLS,
  RN_HTTP_ERROR_NETWORK,
  RN_HTTP_ERROR_CANCELLED,
  RN_HTTP_ERROR_BAD_RESPONSE,
} RnHttpError;

GQuark rn_http_error_quark (void);

/* Defaults of the properties and of RnHttpRequest.max_body_size. */
#define RN_HTTP_DEFAULT_MAX_CONNECTIONS          8
#define RN_HTTP_DEFAULT_MAX_CONNECTIONS_PER_HOST 2
#define RN_HTTP_DEFAULT_CONNECT_TIMEOUT          15    /* seconds */
#define RN_HTTP_DEFAULT_TIMEOUT                  60    /* seconds */
#define RN_HTTP_DEFAULT_MAX_REDIRECTS            5
#define RN_HTTP_DEFAULT_MAX_BODY_SIZE            (20 * 1024 * 1024)
/* Upper bound of a Retry-After we honour: a hostile or broken header must
 * not silence a host for weeks. */
#define RN_HTTP_MAX_RETRY_AFTER                  (24 * 60 * 60)

/**
 * RnHttpRequestFlags:
 * @RN_HTTP_REQUEST_NONE: nothing special
 * @RN_HTTP_REQUEST_PRIORITY: the user is waiting for this one (opened a
 *   feed, pressed refresh): it goes ahead of every scheduled request in the
 *   queue.
 * @RN_HTTP_REQUEST_BROWSER_UA_RETRY: some publishers answer 401, 403, 406 or
 *   429 to any client that does not look like a browser. With this flag such
 *   an answer is retried once, from the original URL, with a browser-like
 *   User-Agent. A 429 that carries Retry-After is genuine rate limiting and
 *   is not retried. Meant for public feeds; don't set it for API calls.
 */
typedef enum
{
  RN_HTTP_REQUEST_NONE             = 0,
  RN_HTTP_REQUEST_PRIORITY         = 1 << 0,
  RN_HTTP_REQUEST_BROWSER_UA_RETRY = 1 << 1,
} RnHttpRequestFlags;

/**
 * RnHttpRequest:
 * @url: absolute http or https URL
 * @method: (nullable): "GET" when %NULL; "HEAD", "POST", "PUT", "DELETE"...
 * @body: (nullable): request body (POST/PUT)
 * @content_type: (nullable): type of @body, e.g. "application/json"
 * @accept: (nullable): Accept header; when %NULL one that prefers feeds
 * @etag: (nullable): the ETag of the copy the caller has (If-None-Match)
 * @last_modified: (nullable): its Last-Modified (If-Modified-Since)
 * @headers: (nullable): extra headers as a %NULL-terminated list of
 *   name, value, name, value... They are not sent on to another host when
 *   a redirect leaves the original one (an Authorization header must not
 *   leak), and never logged.
 * @max_body_size: largest body accepted, after decompression; 0 means
 *   %RN_HTTP_DEFAULT_MAX_BODY_SIZE
 * @flags: #RnHttpRequestFlags
 *
 * Filled by the caller, usually on the stack; rn_http_fetch_async() copies
 * what it needs.
 */
typedef struct
{
  const char         *url;
  const char         *method;
  GBytes             *body;
  const char         *content_type;
  const char         *accept;
  const char         *etag;
  const char         *last_modified;
  const char * const *headers;
  gsize               max_body_size;
  RnHttpRequestFlags  flags;
} RnHttpRequest;

/**
 * RnHttpResponse:
 * @url: the URL the answer came from, after redirects
 * @status: the HTTP status of the last answer; 0 when none came
 * @not_modified: the server answered 304: the caller's copy is current
 *   (@body is empty, @etag and @last_modified are those sent back, or the
 *   ones of the request when the server sent none)
 * @etag: (nullable): ETag of the answer, to send next time
 * @last_modified: (nullable): Last-Modified of the answer, ditto
 * @body: the body, never %NULL (empty for 304 and HEAD). For an error
 *   status at most 64 KiB of it is kept (API error messages).
 * @content_type: (nullable): media type, lower case, without parameters
 * @charset: (nullable): the charset parameter of Content-Type
 * @permanent_url: (nullable): when the request was moved permanently
 *   (301/308, possibly several in a row from the start of the chain), the
 *   URL the caller should store instead of the one it asked for. A
 *   temporary redirect (302/303/307) ends the permanent part of the chain.
 *   It is also set when the final answer is an error: store it only after
 *   a success.
 * @gone: the server answered 410: stop asking
 * @retry_after: seconds the host asked us to wait (429, 503), or the
 *   remaining wait of an earlier answer; 0 when none
 * @browser_ua: the answer came from the retry with a browser User-Agent
 * @error: (nullable): why the request failed, %NULL on success
 * @headers: (nullable): the headers of the last answer (APIs read their
 *   pagination and rate-limit headers there); %NULL when none came
 *
 * The outcome of one fetch. Reference counted; read only for callers.
 */
typedef struct
{
  char     *url;
  guint     status;
  gboolean  not_modified;
  char     *etag;
  char     *last_modified;
  GBytes   *body;
  char     *content_type;
  char     *charset;
  char     *permanent_url;
  gboolean  gone;
  guint     retry_after;
  gboolean  browser_ua;
  GError   *error;
  SoupMessageHeaders *headers;
} RnHttpResponse;

#define RN_TYPE_HTTP_RESPONSE (rn_http_response_get_type ())
GType           rn_http_response_get_type (void) G_GNUC_CONST;
RnHttpResponse *rn_http_response_ref      (RnHttpResponse *self);
void            rn_http_response_unref    (RnHttpResponse *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RnHttpResponse, rn_http_response_unref)

#define RN_TYPE_HTTP (rn_http_get_type ())
G_DECLARE_FINAL_TYPE (RnHttp, rn_http, RN, HTTP, GObject)

RnHttp     *rn_http_new                        (void) G_GNUC_WARN_UNUSED_RESULT;

/* Borrowed: for clients that need libsoup directly (websockets, streams).
 * Requests sent there bypass the limits, the queue and the back-off, and
 * carry no User-Agent unless the caller sets rn_http_get_user_agent(). */
SoupSession *rn_http_get_session               (RnHttp      *self);

/* "RadNet/<version> (+<project URL>)", sent with every request. */
const char *rn_http_get_user_agent             (RnHttp      *self);

guint       rn_http_get_max_connections        (RnHttp      *self);
void        rn_http_set_max_connections        (RnHttp      *self,
                                                guint        max_connections);
guint       rn_http_get_max_connections_per_host (RnHttp    *self);
void        rn_http_set_max_connections_per_host (RnHttp    *self,
                                                guint        max_connections);
/* Seconds allowed to connect, and for any single read or write to make
 * progress. */
guint       rn_http_get_connect_timeout        (RnHttp      *self);
void        rn_http_set_connect_timeout        (RnHttp      *self,
                                                guint        seconds);
/* Seconds allowed for a whole request, from the moment it leaves the queue
 * to its last body byte, redirects and the browser retry included. */
guint       rn_http_get_timeout                (RnHttp      *self);
void        rn_http_set_timeout                (RnHttp      *self,
                                                guint        seconds);
guint       rn_http_get_max_redirects          (RnHttp      *self);
void        rn_http_set_max_redirects          (RnHttp      *self,
                                                guint        max_redirects);

/* Requests waiting in the queue and requests on the wire. */
guint       rn_http_get_n_queued               (RnHttp      *self);
guint       rn_http_get_n_active               (RnHttp      *self);

/* Seconds left of the back-off a host (as in the URL, lower case) asked
 * for; 0 when requests to it may go. */
guint       rn_http_get_host_backoff           (RnHttp      *self,
                                                const char  *host);

void            rn_http_fetch_async            (RnHttp              *self,
                                                const RnHttpRequest *request,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
/* Returns: (transfer full): the response, also when the fetch failed: then
 * @error is set as well and holds a copy of response->error, so that the
 * caller can still read status, gone, retry_after and permanent_url of a
 * failure. Unlike most _finish functions it never returns %NULL. */
RnHttpResponse *rn_http_fetch_finish           (RnHttp              *self,
                                                GAsyncResult        *result,
                                                GError             **error);

G_END_DECLS
