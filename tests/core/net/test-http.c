/* test-http.c: RnHttp against an in-process server: headers, validators,
 * redirects, statuses, back-off, compression, the browser retry, limits
 * and the queue. */
#include "config.h"

#include <string.h>

#include "rn-test-server.h"
#include "net-test.h"

#define FEED "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title></channel></rss>"

/* What a handler saw: the last request's headers, by path. */
typedef struct
{
  RnTestServer *server;
  RnHttp       *http;
  GHashTable   *seen;      /* "path header" → value of the last request */
  guint         hits;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->server = rn_test_server_new ();
  f->http = rn_http_new ();
  f->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  net_drain (20);
  g_assert_cmpuint (rn_http_get_n_active (f->http), ==, 0);
  g_assert_finalize_object (f->http);
  rn_test_server_free (f->server);
  g_hash_table_unref (f->seen);
}

static void
remember (Fixture           *f,
          SoupServerMessage *msg,
          const char        *path,
          const char        *header)
{
  const char *value = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                    header);

  g_hash_table_insert (f->seen, g_strdup_printf ("%s %s", path, header),
                       g_strdup (value != NULL ? value : "(none)"));
}

static const char *
seen (Fixture    *f,
      const char *path,
      const char *header)
{
  g_autofree char *key = g_strdup_printf ("%s %s", path, header);

  return g_hash_table_lookup (f->seen, key);
}

static char *
url (Fixture    *f,
     const char *path)
{
  return rn_test_server_url (f->server, path);
}

/* /ua: records User-Agent, Accept and Accept-Encoding, serves a feed. */
static void
serve_ua (SoupServer        *server,
          SoupServerMessage *msg,
          const char        *path,
          GHashTable        *query,
          gpointer           data)
{
  Fixture *f = data;

  remember (f, msg, path, "User-Agent");
  remember (f, msg, path, "Accept");
  remember (f, msg, path, "Accept-Encoding");
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/rss+xml; charset=ISO-8859-1",
                                    SOUP_MEMORY_STATIC, FEED, strlen (FEED));
}

static void
test_user_agent (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *u = url (f, "/ua");
  g_autoptr(GError) error = NULL;
  g_autoptr(RnHttpResponse) r = NULL;
  g_autofree char *expected = g_strdup_printf ("RadNet/%s (+%s)", PACKAGE_VERSION, PACKAGE_URL);

  rn_test_server_add_handler (f->server, "/ua", serve_ua, f);
  r = net_get (f->http, u, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpstr (r->url, ==, u);
  g_assert_cmpstr (r->content_type, ==, "application/rss+xml");
  g_assert_cmpstr (r->charset, ==, "ISO-8859-1");
  g_assert_cmpmem (g_bytes_get_data (r->body, NULL), g_bytes_get_size (r->body), FEED, strlen (FEED));
  g_assert_null (r->permanent_url);
  g_assert_false (r->not_modified);
  g_assert_false (r->browser_ua);

  g_assert_cmpstr (seen (f, "/ua", "User-Agent"), ==, expected);
  g_assert_cmpstr (rn_http_get_user_agent (f->http), ==, expected);
  g_assert_true (g_str_has_prefix (seen (f, "/ua", "Accept"), "application/rss+xml"));
  g_assert_nonnull (strstr (seen (f, "/ua", "Accept-Encoding"), "gzip"));
}

/* /cond: ETag "v1" and a fixed Last-Modified; 304 when a validator matches.
 * With ?noetag only Last-Modified is given. */
#define LAST_MODIFIED "Tue, 03 Jun 2025 10:00:00 GMT"

static void
serve_conditional (SoupServer        *server,
                   SoupServerMessage *msg,
                   const char        *path,
                   GHashTable        *query,
                   gpointer           data)
{
  Fixture *f = data;
  SoupMessageHeaders *request = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response = soup_server_message_get_response_headers (msg);
  gboolean with_etag = g_str_equal (path, "/cond-etag");
  const char *inm = soup_message_headers_get_one (request, "If-None-Match");
  const char *ims = soup_message_headers_get_one (request, "If-Modified-Since");

  f->hits++;
  remember (f, msg, path, "If-None-Match");
  remember (f, msg, path, "If-Modified-Since");
  if (with_etag)
    soup_message_headers_replace (response, "ETag", "\"v1\"");
  soup_message_headers_replace (response, "Last-Modified", LAST_MODIFIED);

  if ((with_etag && g_strcmp0 (inm, "\"v1\"") == 0) ||
      (!with_etag && g_strcmp0 (ims, LAST_MODIFIED) == 0))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
      return;
    }
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/rss+xml", SOUP_MEMORY_STATIC,
                                    FEED, strlen (FEED));
}

static void
test_conditional_etag (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *u = url (f, "/cond-etag");
  g_autoptr(RnHttpResponse) first = NULL;
  g_autoptr(RnHttpResponse) second = NULL;
  g_autoptr(GError) error = NULL;
  RnHttpRequest request = { .url = u };

  rn_test_server_add_handler (f->server, "/cond-etag", serve_conditional, f);
  first = net_fetch (f->http, &request, 5000, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->status, ==, 200);
  g_assert_cmpstr (first->etag, ==, "\"v1\"");
  g_assert_cmpstr (first->last_modified, ==, LAST_MODIFIED);
  g_assert_cmpstr (seen (f, "/cond-etag", "If-None-Match"), ==, "(none)");

  request.etag = first->etag;
  second = net_fetch (f->http, &request, 5000, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (seen (f, "/cond-etag", "If-None-Match"), ==, "\"v1\"");
  g_assert_cmpstr (seen (f, "/cond-etag", "If-Modified-Since"), ==, "(none)");
  g_assert_cmpuint (second->status, ==, 304);
  g_assert_true (second->not_modified);
  g_assert_null (second->error);
  g_assert_cmpuint (g_bytes_get_size (second->body), ==, 0);
  g_assert_cmpstr (second->etag, ==, "\"v1\"");
  g_assert_cmpuint (f->hits, ==, 2);
}

static void
test_conditional_last_modified (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *u = url (f, "/cond-lm");
  g_autoptr(RnHttpResponse) first = NULL;
  g_autoptr(RnHttpResponse) second = NULL;
  g_autoptr(GError) error = NULL;
  RnHttpRequest request = { .url = u };

  rn_test_server_add_handler (f->server, "/cond-lm", serve_conditional, f);
  first = net_fetch (f->http, &request, 5000, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->status, ==, 200);
  g_assert_null (first->etag);
  g_assert_cmpstr (first->last_modified, ==, LAST_MODIFIED);

  request.last_modified = first->last_modified;
  second = net_fetch (f->http, &request, 5000, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (seen (f, "/cond-lm", "If-Modified-Since"), ==, LAST_MODIFIED);
  g_assert_cmpstr (seen (f, "/cond-lm", "If-None-Match"), ==, "(none)");
  g_assert_true (second->not_modified);
  g_assert_cmpstr (second->last_modified, ==, LAST_MODIFIED);
}

/* /r/CODE/NEXT... : answers CODE with Location: the rest of the path,
 * e.g. /r/301/r/302/final. /loop redirects to itself. */
static void
serve_redirect (SoupServer        *server,
                SoupServerMessage *msg,
                const char        *path,
                GHashTable        *query,
                gpointer           data)
{
  Fixture *f = data;
  guint code;
  const char *next;

  f->hits++;
  if (g_str_equal (path, "/loop"))
    {
      soup_server_message_set_redirect (msg, SOUP_STATUS_FOUND, "/loop");
      return;
    }
  code = (guint) g_ascii_strtoull (path + 3, NULL, 10);
  next = path + 6;
  soup_server_message_set_redirect (msg, code, next);
}

static void
serve_final (SoupServer        *server,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query,
             gpointer           data)
{
  Fixture *f = data;

  remember (f, msg, path, "Authorization");
  remember (f, msg, path, "X-Api-Key");
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/rss+xml", SOUP_MEMORY_STATIC,
                                    FEED, strlen (FEED));
}

typedef struct
{
  const char *path;
  const char *permanent;   /* expected permanent_url path, or NULL */
} RedirectCase;

static const RedirectCase redirect_cases[] = {
  { "/r/301/final", "/final" },
  { "/r/308/final", "/final" },
  { "/r/302/final", NULL },
  { "/r/307/final", NULL },
  { "/r/301/r/308/final", "/final" },
  { "/r/301/r/302/final", "/r/302/final" },
  { "/r/302/r/301/final", NULL },
};

static void
test_redirects (Fixture       *f,
                gconstpointer  data)
{
  rn_test_server_add_handler (f->server, "/r", serve_redirect, f);
  rn_test_server_add_handler (f->server, "/final", serve_final, f);

  for (guint i = 0; i < G_N_ELEMENTS (redirect_cases); i++)
    {
      const RedirectCase *c = &redirect_cases[i];
      g_autofree char *u = url (f, c->path);
      g_autofree char *final = url (f, "/final");
      g_autofree char *permanent = c->permanent ? url (f, c->permanent) : NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(RnHttpResponse) r = net_get (f->http, u, &error);

      g_test_message ("%s", c->path);
      g_assert_no_error (error);
      g_assert_cmpuint (r->status, ==, 200);
      g_assert_cmpstr (r->url, ==, final);
      g_assert_cmpstr (r->permanent_url, ==, permanent);
      g_assert_cmpuint (g_bytes_get_size (r->body), ==, strlen (FEED));
    }
}

static void
test_redirect_loop (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *u = url (f, "/loop");
  g_autoptr(GError) error = NULL;
  g_autoptr(RnHttpResponse) r = NULL;

  rn_test_server_add_handler (f->server, "/loop", serve_redirect, f);
  r = net_get (f->http, u, &error);
  g_assert_error (error, RN_HTTP_ERROR, RN_HTTP_ERROR_TOO_MANY_REDIRECTS);
  /* the first request and RN_HTTP_DEFAULT_MAX_REDIRECTS more */
  g_assert_cmpuint (f->hits, ==, RN_HTTP_DEFAULT_MAX_REDIRECTS + 1);
  g_assert_nonnull (strstr (error->message, "127.0.0.1"));
}

static void
serve_bad_location (SoupServer        *server,
                    SoupServerMessage *msg,
                    const char        *path,
                    GHashTable        *query,
                    gpointer           data)
{
  soup_server_message_set_status (msg, SOUP_STATUS_MOVED_PERMANENTLY, NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Location", "file:///etc/passwd");
}

static void
test_redirect_bad_scheme (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *u = url (f, "/bad");
  g_autoptr(GError) error = NULL;
  g_autoptr(RnHttpResponse) r = NULL;

  rn_test_server_add_handler (f->server, "/bad", serve_bad_location, f);
  r = net_get (f->http, u, &error);
  g_assert_error (error, RN_HTTP_ERROR, RN_HTTP_ERROR_BAD_REDIRECT);
}

/* Extra headers (an API token) go to the host the caller named, and not on
 * to another host a redirect leads to. */
static void
test_headers_stay_on_host (Fixture       *f,
                           gconstpointer  data)
{
  const char *headers[] = { "Authorization", "Bearer secret", "X-Api-Key", "k", NULL };
  g_autofree char *same = url (f, "/final");
  g_autofree char *other = rn_test_server_url_for_host (f->server, "localhost", "/final");
  g_autofree char *to_other = g_strdup_printf ("/r/302%s", other);
  g_autofree char *u = url (f, to_other);
  g_autoptr(GError) error = NULL;
  g_autoptr(RnHttpResponse) r1 = NULL;
  g_autoptr(RnHttpResponse) r2 = NULL;
  RnHttpRequest request = { .url = same, .headers = headers };

  rn_test_server_add_handler (f->server, "/r", serve_redirect, f);
  rn_test_server_add_handler (f->server, "/final", serve_final, f);

  r1 = net_fetch (f->http, &request, 5000, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (seen (f, "/final", "Authorization"), ==, "Bearer secret");
  g_assert_cmpstr (seen (f, "/final", "X-Api-Key"), ==, "k");

  request.url = u;
  r2 = net_fetch (f->http, &request, 5000, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (r2->url, ==, other);
  g_assert_cmpstr (seen (f, "/final", "Authorization"), ==, "(none)");
  g_assert_cmpstr (seen (f, "/final", "X-Api-Key"), ==, "(none)");
}

/* /status/CODE answers CODE; 503 and 429 carry a Retry-After from the
 * query (?ra=...). */
static void
serve_status (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           data)
{
  Fixture *f = data;
  guint code = (guint) g_ascii_strtoull (path + strlen ("/status/"), NULL, 10);
  const char *ra = query != NULL ? g_hash_table_lookup (query, "ra") : NULL;

  f->hits++;
  if (ra != NULL)
    soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                  "Retry-After", ra);
  soup_server_message_set_status (msg, code, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC,
                                    "{\"error\":\"nope\"}", 16);
}

typedef struct
{
  guint code;
  int   error;
} StatusCase;

static void
test_status_errors (Fixture       *f,
                    gconstpointer  data)
{
  static const StatusCase cases[] = {
    { 400, RN_HTTP_ERROR_CLIENT },
    { 401, RN_HTTP_ERROR_FORBIDDEN },
    { 403, RN_HTTP_ERROR_FORBIDDEN },
    { 404, RN_HTTP_ERROR_NOT_FOUND },
    { 410, RN_HTTP_ERROR_GONE },
    { 500, RN_HTTP_ERROR_SERVER },
    { 502, RN_HTTP_ERROR_SERVER },
  };

  rn_test_server_add_handler (f->server, "/status", serve_status, f);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/status/%u", cases[i].code);
      g_autofree char *u = url (f, path);
      g_autoptr(GError) error = NULL;
      g_autoptr(RnHttpResponse) r = net_get (f->http, u, &error);

      g_assert_error (error, RN_HTTP_ERROR, cases[i].error);
      g_assert_cmpuint (r->status, ==, cases[i].code);
      g_assert_true (r->gone == (cases[i].code == 410));
      g_assert_cmpuint (r->retry_after, ==, 0);
      /* an API's error body is kept */
      g_assert_cmpuint (g_bytes_get_size (r->body), ==, 16);
      g_assert_nonnull (strstr (error->message, "127.0.0.1"));
    }
  g_assert_cmpuint (rn_http_get_host_backoff (f->http, "127.0.0.1"), ==, 0);
}

/* 503 with Retry-After in seconds: the host is left alone for that long
 * and further requests fail at once, without reaching the server. */
static void
test_retry_after_seconds (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *u = url (f, "/status/503?ra=120");
  g_autofree char *other = url (f, "/status/200");
  g_autofree char *elsewhere = rn_test_server_url_for_host (f->server, "localhost", "/status/200");
  g_autoptr(GError) error = NULL;
  g_autoptr(RnHttpResponse) r = NULL;
  g_autoptr(RnHttpResponse) r2 = NULL;
  g_autoptr(RnHttpResponse) r3 = NULL;

  rn_test_server_add_handler (f->server, "/status", serve_status, f);
  r = net_get (f->http, u, &error);
  g_assert_error (error, RN_HTTP_ERROR, RN_HTTP_ERROR_SERVER);
  g_assert_cmpuint (r->status, ==, 503);
  g_assert_cmpuint (r->retry_after, ==, 120);
  g_assert_cmpuint (f->hits, ==, 1);
  g_clear_error (&error);

  r2 = net_get (f->http, other, &error);
  g_assert_error (error, RN_HTTP_ERROR, RN_HTTP_ERROR_RATE_LIMITED);
  g_assert_cmpuint (r2->status, ==, 0);
  g_assert_cmpuint (r2->retry_after, >, 115);
  g_assert_cmpuint (r2->retry_after, <=, 120);
  g_assert_cmpuint (f->hits, ==, 1);
  g_assert_cmpuint (rn_http_get_host_backoff (f->http, "127.0.0.1"), >, 115);
  g_clear_error (&error);

  /* another host is not affected */
  r3 = net_get (f->http, elsewhere, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (f->hits, ==, 2);
}

/* 429 with Retry-After as an HTTP date. */
static void
test_retry_after_date (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_seconds (now, 90);
  g_autofree char *date = soup_date_time_to_string (later, SOUP_DATE_HTTP);
  g_autofree char *escaped = g_uri_escape_string (date, NULL, FALSE);
  g_autofree char *path = g_strdup_printf ("/status/429?ra=%s", escaped);
  g_autofree char *u = url (f, path);
  g_autoptr(GError) error = NULL;
  g_autoptr(RnHttpResponse) r = NULL;

  rn_test_server_add_handler (f->server, "/status", serve_status, f);
  r = net_get (f->http, u, &error);
  g_assert_error (error, RN_HTTP_ERROR, RN_HTTP_ERROR_RATE_LIMITED);
  g_assert_cmpuint (r->status, ==, 429);
  g_assert_cmpuint (r->retry_after, >=, 88);
  g_assert_cmpuint (r->retry_after, <=, 91);
  g_assert_cmpuint (rn_http_get_host_backoff (f->http, "127.0.0.1"), >=, 87);
}

/* A Retry-After far in the future is capped; garbage means no wait. */
static void
test_retry_after_bounds (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *huge = url (f, "/status/503?ra=99999999999999999999");
  g_autofree char *junk = rn_test_server_url_for_host (f->server, "localhost",
                                                       "/status/503?ra=soon");
  g_autoptr(GError) error = NULL;
  g_autoptr(RnHttpResponse) r = NULL;
  g_autoptr(RnHttpResponse) r2 = NULL;

  rn_test_server_add_handler (f->server, "/status", serve_status, f);
  r = net_get (f->http, huge, &error);
  g_assert_error (error, RN_HTTP_ERROR, RN_HTTP_ERROR_SERVER);
  g_assert_cmpuint (r->retry_after, ==, RN_HTTP_MAX_RETRY_AFTER);
  g_clear_error (&error);

  r2 = net_get (f->http, junk, &error);
  g_assert_error (error, RN_HTTP_ERROR, RN_HTTP_ERROR_SERVER);
  g_assert_cmpuint (r2->retry_after, ==, 0);
  g_assert_cmpuint (rn_http_get_host_backoff (f->http, "localhost"), ==, 0);
}

/* POST with a JSON body, as the API clients send it. */
static void
serve_echo (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           data)
{
  Fixture *f = data;
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);

  remember (f, msg, path, "Content-Type");
  g_hash_table_insert (f->seen, g_strdup ("method"), g_strdup (soup_server_message_get_method (msg)));
  g_hash_table_insert (f->seen, g_strdup ("body"),
                       g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes)));
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, "{\"ok\":true}", 11);
}

static void
test_post_json (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *u = url (f, "/echo");
  g_autoptr(GBytes) body = g_bytes_new_static ("{\"q\":\"mri\"}", 11);
  g_autoptr(GError) error = NULL;
  g_autoptr(RnHttpResponse) r = NULL;
  RnHttpRequest request = {
    .url = u, .method = "POST", .body = body,
    .content_type = "application/json", .accept = "application/json",
  };

  rn_test_server_add_handler (f->server, "/echo", serve_echo, f);
  r = net_fetch (f->http, &request, 5000, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_hash_table_lookup (f->seen, "method"), ==, "POST");
  g_assert_cmpstr (g_hash_table_lookup (f->seen, "body"), ==, "{\"q\":\"mri\"}");
  g_assert_cmpstr (seen (f, "/echo", "Content-Type"), ==, "application/json");
  g_assert_cmpstr (r->content_type, ==, "application/json");
  g_assert_cmpmem (g_bytes_get_data (r->body, NULL), g_bytes_get_size (r->body), "{\"ok\":true}", 11);
}

/* gzip: served compressed, returned decoded. */
static GBytes *
gzip (const void *data,
      gsize       size)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 9);
  g_autoptr(GInputStream) in = g_memory_input_stream_new_from_data (data, size, NULL);
  g_autoptr(GInputStream) zin = g_converter_input_stream_new (in, G_CONVERTER (compressor));
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_output_stream_splice (out, zin, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, &error);
  g_assert_no_error (error);
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

static void
serve_gzip (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           data)
{
  GBytes *compressed = data;

  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Content-Encoding", "gzip");
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/rss+xml", SOUP_MEMORY_COPY,
                                    g_bytes_get_data (compressed, NULL),
                                    g_bytes_get_size (compressed));
}

static void
test_gzip (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GBytes) compressed = gzip (FEED, strlen (FEED));
  g_autofree char *u = url (f, "/gz");
  g_autoptr(GError) error = NULL;
  g_autoptr(RnHttpResponse) r = NULL;

  rn_test_server_add_handler (f->server, "/gz", serve_gzip, compressed);
  r = net_get (f->http, u, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (r->body, NULL), g_bytes_get_size (r->body), FEED, strlen (FEED));
}

/* 10 MB of zeros compress to ~10 KB; with a 1 MB limit the decoded body
 * must stop at the limit. */
static void
test_compression_bomb (Fixture       *f,
                       gconstpointer  data)
{
  gsize size = 10 * 1024 * 1024;
  g_autofree guint8 *zeros = g_malloc0 (size);
  g_autoptr(GBytes) compressed = gzip (zeros, size);
  g_autofree char *u = url (f, "/bomb");
  g_autoptr(GError) error = NULL;
  g_autoptr(RnHttpResponse) r = NULL;
  RnHttpRequest request = { .url = u, .max_body_size = 1024 * 1024 };

  g_assert_cmpuint (g_bytes_get_size (compressed), <, 64 * 1024);
  rn_test_server_add_handler (f->server, "/bomb", serve_gzip, compressed);
  r = net_fetch (f->http, &request, 5000, &error);
  g_assert_error (error, RN_HTTP_ERROR, RN_HTTP_ERROR_TOO_LARGE);
  g_assert_cmpuint (g_bytes_get_size (r->body), ==, 0);
}

/* A body declared larger than the limit fails before it is read. */
static void
test_too_large_declared (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *u = url (f, "/big");
  g_autoptr(GBytes) big = g_bytes_new_take (g_malloc0 (3 * 1024 * 1024), 3 * 1024 * 1024);
  g_autoptr(GError) error = NULL;
  g_autoptr(RnHttpResponse) r = NULL;
  RnHttpRequest request = { .url = u, .max_body_size = 1024 * 1024 };

  rn_test_server_add_bytes (f->server, "/big", "application/rss+xml", big);
  r = net_fetch (f->http, &request, 5000, &error);
  g_assert_error (error, RN_HTTP_ERROR, RN_HTTP_ERROR_TOO_LARGE);

  /* the same with room for it works */
  request.max_body_size = 0;
  g_clear_pointer (&r, rn_http_response_unref);
  g_clear_error (&error);
  r = net_fetch (f->http, &request, 5000, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (r->body), ==, 3 * 1024 * 1024);
}

/* A feed served as text/plain is still returned: the caller sniffs. */
static void
test_wrong_content_type (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *u = url (f, "/plain");
  g_autoptr(GBytes) body = g_bytes_new_static (FEED, strlen (FEED));
  g_autoptr(GError) error = NULL;
  g_autoptr(RnHttpResponse) r = NULL;

  rn_test_server_add_bytes (f->server, "/plain", "text/plain", body);
  r = net_get (f->http, u, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (r->content_type, ==, "text/plain");
  g_assert_true (g_bytes_equal (r->body, body));
}

/* Blocks clients that don't look like a browser. */
static void
serve_bot_blocker (SoupServer        *server,
                   SoupServerMessage *msg,
                   const char        *path,
                   GHashTable        *query,
                   gpointer           data)
{
  Fixture *f = data;
  const char *ua = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                 "User-Agent");

  f->hits++;
  remember (f, msg, path, "User-Agent");
  if (ua == NULL || !g_str_has_prefix (ua, "Mozilla/5.0"))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_FORBIDDEN, NULL);
      return;
    }
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/rss+xml", SOUP_MEMORY_STATIC,
                                    FEED, strlen (FEED));
}

static void
test_browser_ua_retry (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *u = url (f, "/blocker");
  g_autoptr(GError) error = NULL;
  g_autoptr(RnHttpResponse) r = NULL;
  RnHttpRequest request = { .url = u };

  rn_test_server_add_handler (f->server, "/blocker", serve_bot_blocker, f);

  /* without the flag: one request, refused */
  r = net_fetch (f->http, &request, 5000, &error);
  g_assert_error (error, RN_HTTP_ERROR, RN_HTTP_ERROR_FORBIDDEN);
  g_assert_cmpuint (r->status, ==, 403);
  g_assert_false (r->browser_ua);
  g_assert_cmpuint (f->hits, ==, 1);
  g_assert_true (g_str_has_prefix (seen (f, "/blocker", "User-Agent"), "RadNet/"));
  g_clear_error (&error);
  g_clear_pointer (&r, rn_http_response_unref);

  /* with it: the retry gets through, and says so */
  request.flags = RN_HTTP_REQUEST_BROWSER_UA_RETRY;
  r = net_fetch (f->http, &request, 5000, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (r->status, ==, 200);
  g_assert_true (r->browser_ua);
  g_assert_cmpuint (f->hits, ==, 3);
  g_assert_true (g_str_has_prefix (seen (f, "/blocker", "User-Agent"), "Mozilla/5.0"));
}

/* The retry happens once only: a host that refuses both fails. */
static void
test_browser_ua_retry_once (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *u = url (f, "/status/403");
  g_autoptr(GError) error = NULL;
  g_autoptr(RnHttpResponse) r = NULL;
  RnHttpRequest request = { .url = u, .flags = RN_HTTP_REQUEST_BROWSER_UA_RETRY };

  rn_test_server_add_handler (f->server, "/status", serve_status, f);
  r = net_fetch (f->http, &request, 5000, &error);
  g_assert_error (error, RN_HTTP_ERROR, RN_HTTP_ERROR_FORBIDDEN);
  g_assert_true (r->browser_ua);
  g_assert_cmpuint (f->hits, ==, 2);
}

static void
test_invalid_urls (Fixture       *f,
                   gconstpointer  data)
{
  static const char *urls[] = { "ftp://example.com/feed", "not a url", "file:///etc/passwd",
                                "http://", "mailto:a@b.c" };

  for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(RnHttpResponse) r = net_get (f->http, urls[i], &error);

      g_assert_error (error, RN_HTTP_ERROR, RN_HTTP_ERROR_INVALID_URL);
      g_assert_nonnull (r->body);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) \
  g_test_add ("/radnet/core/net/http/" path, Fixture, NULL, fixture_setup, fn, fixture_teardown)

  ADD ("user-agent", test_user_agent);
  ADD ("conditional-etag", test_conditional_etag);
  ADD ("conditional-last-modified", test_conditional_last_modified);
  ADD ("redirects", test_redirects);
  ADD ("redirect-loop", test_redirect_loop);
  ADD ("redirect-bad-scheme", test_redirect_bad_scheme);
  ADD ("headers-stay-on-host", test_headers_stay_on_host);
  ADD ("status-errors", test_status_errors);
  ADD ("retry-after-seconds", test_retry_after_seconds);
  ADD ("retry-after-date", test_retry_after_date);
  ADD ("retry-after-bounds", test_retry_after_bounds);
  ADD ("post-json", test_post_json);
  ADD ("gzip", test_gzip);
  ADD ("compression-bomb", test_compression_bomb);
  ADD ("too-large-declared", test_too_large_declared);
  ADD ("wrong-content-type", test_wrong_content_type);
  ADD ("browser-ua-retry", test_browser_ua_retry);
  ADD ("browser-ua-retry-once", test_browser_ua_retry_once);
  ADD ("invalid-urls", test_invalid_urls);

#undef ADD

  return g_test_run ();
}
