/* test-net-faults.c: servers that misbehave (stall, trickle, never end,
 * break off, send huge headers, present a bad certificate) and many
 * requests at once: every request ends, in bounded time, with a clean
 * error, and the limits hold. */
#include "config.h"

#include <string.h>

#include "rn-test-server.h"
#include "rn-test-util.h"
#include "net-test.h"

/* Each test must end well within this (the timeouts under test are 1 s). */
#define BOUND_MS 5000

static RnHttp *
short_timeouts (void)
{
  RnHttp *http = rn_http_new ();

  rn_http_set_timeout (http, 1);
  rn_http_set_connect_timeout (http, 3);
  return http;
}

static void
finish_http (RnHttp *http)
{
  net_drain (20);
  g_assert_cmpuint (rn_http_get_n_active (http), ==, 0);
  g_assert_finalize_object (http);
}

static void
test_stall (void)
{
  g_autoptr(RnTestRawServer) server =
    rn_test_raw_server_new (RN_TEST_RAW_STALL,
                            "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n", NULL, 0);
  g_autofree char *u = rn_test_raw_server_url (server, "/stall");
  RnHttp *http = short_timeouts ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RnHttpResponse) r = NULL;
  gint64 start = g_get_monotonic_time ();

  r = net_get (http, u, &error);
  g_assert_error (error, RN_HTTP_ERROR, RN_HTTP_ERROR_TIMEOUT);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2500 * G_TIME_SPAN_MILLISECOND);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 900 * G_TIME_SPAN_MILLISECOND);
  g_assert_nonnull (strstr (error->message, "127.0.0.1"));
  finish_http (http);
}

/* The server accepts but never answers at all. */
static void
test_stall_headers (void)
{
  g_autoptr(RnTestRawServer) server = rn_test_raw_server_new (RN_TEST_RAW_STALL, "", NULL, 0);
  g_autofree char *u = rn_test_raw_server_url (server, "/silent");
  RnHttp *http = short_timeouts ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RnHttpResponse) r = NULL;

  r = net_get (http, u, &error);
  g_assert_error (error, RN_HTTP_ERROR, RN_HTTP_ERROR_TIMEOUT);
  g_assert_cmpuint (r->status, ==, 0);
  finish_http (http);
}

/* One byte every 200 ms never stalls a read, but the whole exchange
 * hits the total timeout. */
static void
test_trickle (void)
{
  g_autoptr(GBytes) body = g_bytes_new_static ("<rss>", 5);
  g_autoptr(RnTestRawServer) server =
    rn_test_raw_server_new (RN_TEST_RAW_TRICKLE,
                            "HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n", body, 200);
  g_autofree char *u = rn_test_raw_server_url (server, "/trickle");
  RnHttp *http = short_timeouts ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RnHttpResponse) r = NULL;
  gint64 start = g_get_monotonic_time ();

  r = net_get (http, u, &error);
  g_assert_error (error, RN_HTTP_ERROR, RN_HTTP_ERROR_TIMEOUT);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2500 * G_TIME_SPAN_MILLISECOND);
  g_assert_cmpuint (rn_test_raw_server_get_body_written (server), >=, 2);
  finish_http (http);
}

/* An endless chunked stream: aborted at the limit, and the connection is
 * dropped (the server stops being read). */
static void
test_endless (void)
{
  GString *chunk = g_string_new ("1000\r\n");
  g_autoptr(GBytes) body = NULL;
  g_autoptr(RnTestRawServer) server = NULL;
  g_autofree char *u = NULL;
  RnHttp *http = rn_http_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RnHttpResponse) r = NULL;
  RnHttpRequest request = { .max_body_size = 1024 * 1024 };
  guint64 written;

  for (guint i = 0; i < 0x1000; i++)
    g_string_append_c (chunk, 'a' + i % 26);
  g_string_append (chunk, "\r\n");
  body = g_string_free_to_bytes (chunk);
  server = rn_test_raw_server_new (RN_TEST_RAW_ENDLESS,
                                   "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\n"
                                   "Transfer-Encoding: chunked\r\n\r\n", body, 0);
  u = rn_test_raw_server_url (server, "/endless");
  request.url = u;

  r = net_fetch (http, &request, BOUND_MS, &error);
  g_assert_error (error, RN_HTTP_ERROR, RN_HTTP_ERROR_TOO_LARGE);
  g_assert_cmpuint (g_bytes_get_size (r->body), ==, 0);

  /* The server was cut off: what it wrote stops growing, and stays far
   * below what an endless read would take in. */
  net_drain (200);
  written = rn_test_raw_server_get_body_written (server);
  net_drain (300);
  g_assert_cmpuint (rn_test_raw_server_get_body_written (server), ==, written);
  g_assert_cmpuint (written, <, 16 * 1024 * 1024);
  g_test_message ("server wrote %" G_GUINT64_FORMAT " bytes for a 1 MiB limit", written);
  finish_http (http);
}

/* Content-Length promises more than comes before the connection closes. */
static void
test_truncated (void)
{
  g_autoptr(GBytes) body = g_bytes_new_static ("<rss version=\"2.0\"><channel>", 28);
  g_autoptr(RnTestRawServer) server =
    rn_test_raw_server_new (RN_TEST_RAW_CLOSE,
                            "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\n"
                            "Content-Length: 1000\r\n\r\n", body, 0);
  g_autofree char *u = rn_test_raw_server_url (server, "/cut");
  RnHttp *http = short_timeouts ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RnHttpResponse) r = NULL;

  rn_http_set_timeout (http, 10);
  r = net_get (http, u, &error);
  g_assert_error (error, RN_HTTP_ERROR, RN_HTTP_ERROR_NETWORK);
  g_assert_nonnull (strstr (error->message, "127.0.0.1"));
  finish_http (http);
}

/* The connection closes before any answer. */
static void
test_closed_without_answer (void)
{
  g_autoptr(RnTestRawServer) server = rn_test_raw_server_new (RN_TEST_RAW_CLOSE, "", NULL, 0);
  g_autofree char *u = rn_test_raw_server_url (server, "/nothing");
  RnHttp *http = short_timeouts ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RnHttpResponse) r = NULL;

  r = net_get (http, u, &error);
  g_assert_nonnull (error);
  g_assert_true (error->domain == RN_HTTP_ERROR);
  g_assert_true (error->code == RN_HTTP_ERROR_NETWORK || error->code == RN_HTTP_ERROR_BAD_RESPONSE);
  finish_http (http);
}

/* A 1 MB header line, on a connection the server keeps open: libsoup
 * gives up on it at its header limit (not at our timeout), and we report
 * it cleanly. */
static void
test_huge_headers (void)
{
  GString *head = g_string_new ("HTTP/1.1 200 OK\r\nX-Huge: ");
  g_autoptr(GBytes) body = g_bytes_new_static ("<rss>", 5);
  g_autoptr(RnTestRawServer) server = NULL;
  g_autofree char *u = NULL;
  RnHttp *http = short_timeouts ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RnHttpResponse) r = NULL;
  gint64 start = g_get_monotonic_time ();

  for (guint i = 0; i < 1024 * 1024; i++)
    g_string_append_c (head, 'x');
  g_string_append (head, "\r\nContent-Length: 5\r\n\r\n");
  server = rn_test_raw_server_new (RN_TEST_RAW_STALL, head->str, body, 0);
  g_string_free (head, TRUE);
  u = rn_test_raw_server_url (server, "/huge");
  rn_http_set_timeout (http, 5);

  r = net_get (http, u, &error);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 2 * G_TIME_SPAN_SECOND);
  g_test_message ("huge headers: %s", error ? error->message : "(no error)");
  g_assert_error (error, RN_HTTP_ERROR, RN_HTTP_ERROR_BAD_RESPONSE);
  finish_http (http);
}

/* Nothing listens there. */
static void
test_connection_refused (void)
{
  g_autofree char *u = NULL;
  RnHttp *http = short_timeouts ();
  g_autoptr(GError) error = NULL;
  g_autoptr(RnHttpResponse) r = NULL;

  {
    g_autoptr(RnTestRawServer) gone = rn_test_raw_server_new (RN_TEST_RAW_CLOSE, "", NULL, 0);

    u = rn_test_raw_server_url (gone, "/");
  }
  r = net_get (http, u, &error);
  g_assert_error (error, RN_HTTP_ERROR, RN_HTTP_ERROR_NETWORK);
  finish_http (http);
}

/* A self-signed certificate is refused, with a message that says why. */
static void
test_tls_invalid (void)
{
  g_autofree char *cert = rn_test_data_path ("net", "self-signed.crt", NULL);
  g_autofree char *key = rn_test_data_path ("net", "self-signed.key", NULL);
  g_autoptr(RnTestServer) server = NULL;
  g_autoptr(GBytes) body = g_bytes_new_static ("<rss/>", 6);
  g_autofree char *u = NULL;
  RnHttp *http = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(RnHttpResponse) r = NULL;

  if (!g_tls_backend_supports_tls (g_tls_backend_get_default ()))
    {
      g_test_skip ("no TLS backend (glib-networking)");
      return;
    }

  server = rn_test_server_new_https (cert, key, &error);
  g_assert_no_error (error);
  rn_test_server_add_bytes (server, "/feed", "application/rss+xml", body);
  u = rn_test_server_url (server, "/feed");
  g_assert_true (g_str_has_prefix (u, "https://"));

  http = short_timeouts ();
  rn_http_set_timeout (http, 5);
  r = net_get (http, u, &error);
  g_assert_error (error, RN_HTTP_ERROR, RN_HTTP_ERROR_TLS);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "certificate"));
  g_assert_nonnull (strstr (error->message, "trusted authority"));
  g_assert_nonnull (strstr (error->message, "127.0.0.1"));
  g_assert_cmpuint (rn_test_server_get_hits (server, "/feed"), ==, 0);
  finish_http (http);
}

/* Many requests at once ------------------------------------------------ */

typedef struct
{
  GHashTable *in_flight;    /* host → GUINT */
  GHashTable *max_seen;     /* host → GUINT */
  guint       total;
  guint       max_total;
  guint       served;
  GPtrArray  *order;        /* paths in the order they were served */
} Load;

static void
load_count (GHashTable *table,
            const char *host,
            int         delta)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (table, host)) + delta;

  g_hash_table_insert (table, g_strdup (host), GUINT_TO_POINTER (n));
}

typedef struct
{
  Load              *load;
  SoupServerMessage *msg;
  char              *host;
} Held;

static gboolean
on_release (gpointer data)
{
  Held *held = data;
  Load *load = held->load;

  load_count (load->in_flight, held->host, -1);
  load->total--;
  load->served++;
  soup_server_message_set_status (held->msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (held->msg, "text/plain", SOUP_MEMORY_STATIC, "ok", 2);
  soup_server_message_unpause (held->msg);
  g_object_unref (held->msg);
  g_free (held->host);
  g_free (held);
  return G_SOURCE_REMOVE;
}

/* Holds each request 15 ms so that they overlap, and counts how many are
 * in flight per Host and in all. */
static void
serve_slow (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           data)
{
  Load *load = data;
  GUri *uri = soup_server_message_get_uri (msg);
  Held *held = g_new0 (Held, 1);
  guint n;

  held->load = load;
  held->msg = g_object_ref (msg);
  held->host = g_strdup (g_uri_get_host (uri));
  load_count (load->in_flight, held->host, +1);
  n = GPOINTER_TO_UINT (g_hash_table_lookup (load->in_flight, held->host));
  if (n > GPOINTER_TO_UINT (g_hash_table_lookup (load->max_seen, held->host)))
    g_hash_table_insert (load->max_seen, g_strdup (held->host), GUINT_TO_POINTER (n));
  load->total++;
  load->max_total = MAX (load->max_total, load->total);
  if (load->order != NULL)
    g_ptr_array_add (load->order, g_strdup (path));

  soup_server_message_pause (msg);
  g_timeout_add (15, on_release, held);
}

static void
load_init (Load *load)
{
  load->in_flight = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  load->max_seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  load->order = g_ptr_array_new_with_free_func (g_free);
}

static void
load_clear (Load *load)
{
  g_hash_table_unref (load->in_flight);
  g_hash_table_unref (load->max_seen);
  g_ptr_array_unref (load->order);
}

static guint
load_max (Load       *load,
          const char *host)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (load->max_seen, host));
}

static void
on_counted (GObject      *object,
            GAsyncResult *result,
            gpointer      data)
{
  guint *ok = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(RnHttpResponse) r = rn_http_fetch_finish (RN_HTTP (object), result, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (r->status, ==, 200);
  g_assert_cmpmem (g_bytes_get_data (r->body, NULL), g_bytes_get_size (r->body), "ok", 2);
  (*ok)++;
}

static void
run_load (RnHttp       *http,
          RnTestServer *server,
          guint         n,
          gboolean      two_hosts)
{
  guint ok = 0;
  gboolean expired = FALSE;
  guint id;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *path = g_strdup_printf ("/load/%u", i);
      g_autofree char *u = two_hosts && i % 2
                           ? rn_test_server_url_for_host (server, "localhost", path)
                           : rn_test_server_url (server, path);
      RnHttpRequest request = { .url = u };

      rn_http_fetch_async (http, &request, NULL, on_counted, &ok);
    }
  g_assert_cmpuint (rn_http_get_n_active (http) + rn_http_get_n_queued (http), ==, n);

  id = g_timeout_add (15000, net_on_expired, &expired);
  while (ok < n && !expired)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (ok, ==, n);
  g_source_remove (id);
  g_assert_cmpuint (rn_http_get_n_queued (http), ==, 0);
}

/* 200 requests, defaults: never more than 2 at once to the one host. */
static void
test_concurrency_default (void)
{
  g_autoptr(RnTestServer) server = rn_test_server_new ();
  RnHttp *http = rn_http_new ();
  Load load = { 0 };

  load_init (&load);
  rn_test_server_add_handler (server, "/load", serve_slow, &load);
  run_load (http, server, 200, FALSE);
  g_assert_cmpuint (load.served, ==, 200);
  g_assert_cmpuint (load_max (&load, "127.0.0.1"), ==, RN_HTTP_DEFAULT_MAX_CONNECTIONS_PER_HOST);
  g_assert_cmpuint (load.max_total, ==, RN_HTTP_DEFAULT_MAX_CONNECTIONS_PER_HOST);
  load_clear (&load);
  finish_http (http);
}

/* 200 requests over two hosts with per-host 5 and global 8: the global
 * limit is reached and never passed, and so is each host's. */
static void
test_concurrency_two_hosts (void)
{
  g_autoptr(RnTestServer) server = rn_test_server_new ();
  RnHttp *http = rn_http_new ();
  Load load = { 0 };

  load_init (&load);
  rn_http_set_max_connections (http, 8);
  rn_http_set_max_connections_per_host (http, 5);
  rn_test_server_add_handler (server, "/load", serve_slow, &load);
  run_load (http, server, 200, TRUE);
  g_assert_cmpuint (load.served, ==, 200);
  g_assert_cmpuint (load.max_total, ==, 8);
  g_assert_cmpuint (load_max (&load, "127.0.0.1"), <=, 5);
  g_assert_cmpuint (load_max (&load, "localhost"), <=, 5);
  g_assert_cmpuint (load_max (&load, "127.0.0.1"), >=, 3);
  g_assert_cmpuint (load_max (&load, "localhost"), >=, 3);
  load_clear (&load);
  finish_http (http);
}

/* A user request queued behind scheduled ones is served before them. */
static void
test_priority (void)
{
  g_autoptr(RnTestServer) server = rn_test_server_new ();
  RnHttp *http = rn_http_new ();
  Load load = { 0 };
  guint ok = 0;
  gboolean expired = FALSE;
  guint id;
  g_autofree char *user = rn_test_server_url (server, "/load/user");
  RnHttpRequest request = { .url = user, .flags = RN_HTTP_REQUEST_PRIORITY };
  guint position = G_MAXUINT;

  load_init (&load);
  rn_test_server_add_handler (server, "/load", serve_slow, &load);
  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *path = g_strdup_printf ("/load/%u", i);
      g_autofree char *u = rn_test_server_url (server, path);
      RnHttpRequest scheduled = { .url = u };

      rn_http_fetch_async (http, &scheduled, NULL, on_counted, &ok);
    }
  rn_http_fetch_async (http, &request, NULL, on_counted, &ok);

  id = g_timeout_add (10000, net_on_expired, &expired);
  while (ok < 21 && !expired)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (ok, ==, 21);
  g_source_remove (id);

  for (guint i = 0; i < load.order->len; i++)
    if (g_str_equal (g_ptr_array_index (load.order, i), "/load/user"))
      position = i;
  /* The two already on the wire go first, then the user's; the scheduled
   * one that takes the second free slot may reach the server first. */
  g_assert_cmpuint (position, <=, RN_HTTP_DEFAULT_MAX_CONNECTIONS_PER_HOST + 1);
  load_clear (&load);
  finish_http (http);
}

/* Cancelling a queued and a running request ends both at once. */
static void
test_cancel (void)
{
  g_autoptr(RnTestRawServer) server =
    rn_test_raw_server_new (RN_TEST_RAW_STALL, "", NULL, 0);
  RnHttp *http = rn_http_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  NetResult results[3] = { { 0 } };
  gboolean expired = FALSE;
  guint id;

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *path = g_strdup_printf ("/c/%u", i);
      g_autofree char *u = rn_test_raw_server_url (server, path);
      RnHttpRequest request = { .url = u };

      rn_http_fetch_async (http, &request, cancellable, net_on_fetched, &results[i]);
    }
  g_assert_cmpuint (rn_http_get_n_active (http), ==, 2);
  g_assert_cmpuint (rn_http_get_n_queued (http), ==, 1);

  net_drain (100);
  g_cancellable_cancel (cancellable);
  id = g_timeout_add (2000, net_on_expired, &expired);
  while (!(results[0].done && results[1].done && results[2].done) && !expired)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (id);
  for (guint i = 0; i < 3; i++)
    {
      g_assert_true (results[i].done);
      g_assert_error (results[i].error, RN_HTTP_ERROR, RN_HTTP_ERROR_CANCELLED);
      net_result_clear (&results[i]);
    }
  finish_http (http);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/radnet/core/net/faults/stall", test_stall);
  g_test_add_func ("/radnet/core/net/faults/stall-headers", test_stall_headers);
  g_test_add_func ("/radnet/core/net/faults/trickle", test_trickle);
  g_test_add_func ("/radnet/core/net/faults/endless", test_endless);
  g_test_add_func ("/radnet/core/net/faults/truncated", test_truncated);
  g_test_add_func ("/radnet/core/net/faults/closed-without-answer", test_closed_without_answer);
  g_test_add_func ("/radnet/core/net/faults/huge-headers", test_huge_headers);
  g_test_add_func ("/radnet/core/net/faults/connection-refused", test_connection_refused);
  g_test_add_func ("/radnet/core/net/faults/tls-invalid", test_tls_invalid);
  g_test_add_func ("/radnet/core/net/faults/concurrency-default", test_concurrency_default);
  g_test_add_func ("/radnet/core/net/faults/concurrency-two-hosts", test_concurrency_two_hosts);
  g_test_add_func ("/radnet/core/net/faults/priority", test_priority);
  g_test_add_func ("/radnet/core/net/faults/cancel", test_cancel);

  return g_test_run ();
}
