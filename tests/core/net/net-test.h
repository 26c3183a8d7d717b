/* net-test.h: helpers the network tests share. */
#pragma once

#include "net/rn-http.h"

G_BEGIN_DECLS

typedef struct
{
  RnHttpResponse *response;
  GError         *error;
  gboolean        done;
  gint64          finished_at;   /* monotonic µs */
} NetResult;

static inline void
net_result_clear (NetResult *r)
{
  g_clear_pointer (&r->response, rn_http_response_unref);
  g_clear_error (&r->error);
  r->done = FALSE;
}

static inline void
net_on_fetched (GObject      *object,
                GAsyncResult *result,
                gpointer      data)
{
  NetResult *r = data;

  r->response = rn_http_fetch_finish (RN_HTTP (object), result, &r->error);
  r->finished_at = g_get_monotonic_time ();
  r->done = TRUE;
}

static inline gboolean
net_on_expired (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Lets closes and other leftovers of finished requests run, so that
 * nothing is left for the leak checker. */
static inline void
net_drain (guint ms)
{
  gboolean expired = FALSE;

  g_timeout_add (ms, net_on_expired, &expired);
  while (!expired)
    g_main_context_iteration (NULL, TRUE);
}

/* Runs one fetch to its end; fails the test when it takes over
 * @limit_ms (nothing may hang). */
static inline RnHttpResponse *
net_fetch (RnHttp              *http,
           const RnHttpRequest *request,
           guint                limit_ms,
           GError             **error)
{
  NetResult r = { 0 };
  gboolean expired = FALSE;
  guint id = g_timeout_add (limit_ms, net_on_expired, &expired);

  rn_http_fetch_async (http, request, NULL, net_on_fetched, &r);
  while (!r.done && !expired)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (r.done);
  g_source_remove (id);
  g_assert_nonnull (r.response);
  g_assert_true ((r.error == NULL) == (r.response->error == NULL));
  if (r.error != NULL)
    {
      g_assert_true (g_error_matches (r.error, r.response->error->domain,
                                      r.response->error->code));
      g_propagate_error (error, g_steal_pointer (&r.error));
    }
  return r.response;
}

static inline RnHttpResponse *
net_get (RnHttp      *http,
         const char  *url,
         GError     **error)
{
  RnHttpRequest request = { .url = url };

  return net_fetch (http, &request, 10000, error);
}

G_END_DECLS
