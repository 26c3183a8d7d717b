/* rn-http-private.h: what the parts of RnHttp share. rn-http.c owns the
 * queue and the limits, rn-http-exchange.c runs one request on the wire,
 * rn-http-response.c turns statuses, headers and errors into results. */
#pragma once

#include "rn-http.h"

G_BEGIN_DECLS

/* Body kept of an answer with an error status: enough for an API's error
 * message, never a whole page. */
#define RN_HTTP_ERROR_BODY_SIZE (64 * 1024)

/* libsoup 3.2 has no name for it. */
#define RN_HTTP_STATUS_TOO_MANY_REQUESTS 429

typedef struct _RnHttpJob RnHttpJob;

struct _RnHttpJob
{
  RnHttp             *http;            /* borrowed: the task holds a ref */
  GTask              *task;
  char               *host;            /* of the requested URL, lower case */

  /* a copy of the request */
  GUri               *uri;
  char               *method;
  GBytes             *body;
  char               *content_type;
  char               *accept;
  char               *etag;
  char               *last_modified;
  GStrv               headers;
  gsize               max_body_size;
  RnHttpRequestFlags  flags;

  /* the caller's cancellable cancels ours, which the timeout cancels too */
  GCancellable       *cancellable;
  GSource            *cancel_source;
  GSource            *timeout_source;
  gboolean            timed_out;
  gboolean            cancelled;
  gboolean            started;

  /* one attempt: redirects and the body */
  GUri               *current;
  guint               n_redirects;
  gboolean            permanent_run;   /* every redirect so far was permanent */
  char               *permanent_url;
  gboolean            browser_ua;
  SoupMessage        *msg;
  GInputStream       *stream;
  GByteArray         *buffer;
  gsize               limit;
  gboolean            truncate;        /* error status: keep a prefix only */
};

/* rn-http.c */
SoupSession    *rn_http_session              (RnHttp          *self);
void            rn_http_job_done             (RnHttpJob       *job,
                                              RnHttpResponse  *response);
void            rn_http_note_retry_after     (RnHttp          *self,
                                              const char      *host,
                                              guint            seconds);

/* rn-http-exchange.c */
void            rn_http_exchange_start       (RnHttpJob       *job);
const char     *rn_http_browser_user_agent   (void);

/* rn-http-response.c */
RnHttpResponse *rn_http_response_new         (void);
guint           rn_http_parse_retry_after    (const char      *value,
                                              GDateTime       *now);
GError         *rn_http_status_error         (guint            status,
                                              GUri            *uri);
GError         *rn_http_transport_error      (const GError    *error,
                                              SoupMessage     *msg,
                                              GUri            *uri,
                                              gboolean         timed_out);
void            rn_http_split_content_type   (const char      *value,
                                              char           **media_type,
                                              char           **charset);

G_END_DECLS
