#include "config.h"

#include "rn-test-server.h"

struct _RnTestServer
{
  SoupServer *server;
  char       *base;
  GHashTable *files;     /* path → Resource */
  GHashTable *hits;      /* path → GUINT */
  GHashTable *not_modified;
};

typedef struct
{
  GBytes *body;
  char   *content_type;
  char   *etag;
  char   *last_modified;
} Resource;

static void
resource_free (gpointer data)
{
  Resource *r = data;

  g_bytes_unref (r->body);
  g_free (r->content_type);
  g_free (r->etag);
  g_free (r->last_modified);
  g_free (r);
}

static void
count (GHashTable *table,
       const char *path)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (table, path));

  g_hash_table_insert (table, g_strdup (path), GUINT_TO_POINTER (n + 1));
}

static void
serve (SoupServer        *server,
       SoupServerMessage *msg,
       const char        *path,
       GHashTable        *query,
       gpointer           user_data)
{
  RnTestServer *self = user_data;
  Resource *r;
  SoupMessageHeaders *request = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response = soup_server_message_get_response_headers (msg);
  const char *inm, *ims;

  count (self->hits, path);
  r = g_hash_table_lookup (self->files, path);
  if (r == NULL)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }

  soup_message_headers_replace (response, "ETag", r->etag);
  soup_message_headers_replace (response, "Last-Modified", r->last_modified);

  inm = soup_message_headers_get_one (request, "If-None-Match");
  ims = soup_message_headers_get_one (request, "If-Modified-Since");
  if ((inm != NULL && g_str_equal (inm, r->etag)) ||
      (inm == NULL && ims != NULL && g_str_equal (ims, r->last_modified)))
    {
      count (self->not_modified, path);
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
      return;
    }

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, r->content_type, SOUP_MEMORY_COPY,
                                    g_bytes_get_data (r->body, NULL),
                                    g_bytes_get_size (r->body));
}

RnTestServer *
rn_test_server_new (void)
{
  RnTestServer *self = g_new0 (RnTestServer, 1);
  g_autoptr(GError) error = NULL;
  GSList *uris;

  self->server = soup_server_new (NULL, NULL);
  self->files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, resource_free);
  self->hits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->not_modified = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  soup_server_add_handler (self->server, NULL, serve, self, NULL);
  soup_server_listen_local (self->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (self->server);
  g_assert_nonnull (uris);
  self->base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return self;
}

void
rn_test_server_free (RnTestServer *self)
{
  soup_server_disconnect (self->server);
  g_object_unref (self->server);
  g_hash_table_unref (self->files);
  g_hash_table_unref (self->hits);
  g_hash_table_unref (self->not_modified);
  g_free (self->base);
  g_free (self);
}

SoupServer *
rn_test_server_get_soup (RnTestServer *self)
{
  return self->server;
}

char *
rn_test_server_url (RnTestServer *self,
                    const char   *path)
{
  return g_strconcat (self->base, path, NULL);
}

void
rn_test_server_add_bytes (RnTestServer *self,
                          const char   *path,
                          const char   *content_type,
                          GBytes       *body)
{
  Resource *r = g_new0 (Resource, 1);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  r->body = g_bytes_ref (body);
  r->content_type = g_strdup (content_type);
  r->etag = g_strdup_printf ("\"%08x-%zu\"", g_bytes_hash (body), g_bytes_get_size (body));
  r->last_modified = soup_date_time_to_string (now, SOUP_DATE_HTTP);
  g_hash_table_insert (self->files, g_strdup (path), r);
}

void
rn_test_server_add_handler (RnTestServer       *self,
                            const char         *path,
                            SoupServerCallback  callback,
                            gpointer            user_data)
{
  soup_server_add_handler (self->server, path, callback, user_data, NULL);
}

guint
rn_test_server_get_hits (RnTestServer *self,
                         const char   *path)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->hits, path));
}

guint
rn_test_server_get_304s (RnTestServer *self,
                         const char   *path)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->not_modified, path));
}

/* https and host aliases ---------------------------------------------- */

RnTestServer *
rn_test_server_new_https (const char  *cert_file,
                          const char  *key_file,
                          GError     **error)
{
  g_autoptr(GTlsCertificate) cert = NULL;
  RnTestServer *self;
  GSList *uris;

  cert = g_tls_certificate_new_from_files (cert_file, key_file, error);
  if (cert == NULL)
    return NULL;

  self = g_new0 (RnTestServer, 1);
  self->server = soup_server_new ("tls-certificate", cert, NULL);
  self->files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, resource_free);
  self->hits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->not_modified = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  soup_server_add_handler (self->server, NULL, serve, self, NULL);
  if (!soup_server_listen_local (self->server, 0,
                                 SOUP_SERVER_LISTEN_IPV4_ONLY | SOUP_SERVER_LISTEN_HTTPS,
                                 error))
    {
      rn_test_server_free (self);
      return NULL;
    }

  uris = soup_server_get_uris (self->server);
  g_assert_nonnull (uris);
  self->base = g_strdup_printf ("https://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return self;
}

char *
rn_test_server_url_for_host (RnTestServer *self,
                             const char   *host,
                             const char   *path)
{
  g_autoptr(GUri) base = g_uri_parse (self->base, G_URI_FLAGS_NONE, NULL);

  return g_strdup_printf ("%s://%s:%d%s", g_uri_get_scheme (base), host,
                          g_uri_get_port (base), path);
}

/* Raw server ----------------------------------------------------------- */

struct _RnTestRawServer
{
  GSocketService *service;
  guint16         port;
  RnTestRawMode   mode;
  char           *head;
  GBytes         *body;
  guint           interval_ms;
  GCancellable   *cancellable;
  GPtrArray      *conns;        /* RawConn * */
  guint           pending;      /* async operations in flight */
  guint64         body_written;
};

typedef struct
{
  RnTestRawServer   *server;
  GSocketConnection *connection;
  GString           *request;
  guint8             buf[4096];
  gsize              offset;    /* trickle: next byte of the body */
  guint              timer;
  gboolean           done;
} RawConn;

static void raw_write_body (RawConn *conn);

static void
raw_conn_free (gpointer data)
{
  RawConn *conn = data;

  g_clear_handle_id (&conn->timer, g_source_remove);
  g_object_unref (conn->connection);
  g_string_free (conn->request, TRUE);
  g_free (conn);
}

static GOutputStream *
raw_out (RawConn *conn)
{
  return g_io_stream_get_output_stream (G_IO_STREAM (conn->connection));
}

static void
raw_finish (RawConn *conn)
{
  conn->done = TRUE;
  g_clear_handle_id (&conn->timer, g_source_remove);
  g_io_stream_close (G_IO_STREAM (conn->connection), NULL, NULL);
}

static void
on_raw_body_written (GObject      *object,
                     GAsyncResult *result,
                     gpointer      data)
{
  RawConn *conn = data;
  RnTestRawServer *self = conn->server;
  gsize written = 0;

  self->pending--;
  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), result, &written, NULL))
    {
      self->body_written += written;
      raw_finish (conn);
      return;
    }
  self->body_written += written;
  if (conn->done)
    return;

  switch (self->mode)
    {
    case RN_TEST_RAW_CLOSE:
      raw_finish (conn);
      break;
    case RN_TEST_RAW_ENDLESS:
      raw_write_body (conn);
      break;
    default:
      break;
    }
}

static void
raw_write_body (RawConn *conn)
{
  RnTestRawServer *self = conn->server;
  gsize size;
  const guint8 *data = g_bytes_get_data (self->body, &size);

  if (size == 0)
    {
      if (self->mode == RN_TEST_RAW_CLOSE)
        raw_finish (conn);
      return;
    }
  self->pending++;
  g_output_stream_write_all_async (raw_out (conn), data, size, G_PRIORITY_DEFAULT,
                                   self->cancellable, on_raw_body_written, conn);
}

static gboolean
on_raw_trickle (gpointer data)
{
  RawConn *conn = data;
  RnTestRawServer *self = conn->server;
  gsize size;
  const guint8 *bytes = g_bytes_get_data (self->body, &size);

  if (size == 0 || g_output_stream_has_pending (raw_out (conn)))
    return G_SOURCE_CONTINUE;
  self->pending++;
  g_output_stream_write_all_async (raw_out (conn), bytes + conn->offset, 1, G_PRIORITY_DEFAULT,
                                   self->cancellable, on_raw_body_written, conn);
  conn->offset = (conn->offset + 1) % size;
  return G_SOURCE_CONTINUE;
}

static void
on_raw_head_written (GObject      *object,
                     GAsyncResult *result,
                     gpointer      data)
{
  RawConn *conn = data;
  RnTestRawServer *self = conn->server;

  self->pending--;
  if (!g_output_stream_write_all_finish (G_OUTPUT_STREAM (object), result, NULL, NULL))
    {
      raw_finish (conn);
      return;
    }

  switch (self->mode)
    {
    case RN_TEST_RAW_CLOSE:
    case RN_TEST_RAW_ENDLESS:
      raw_write_body (conn);
      break;
    case RN_TEST_RAW_STALL:
      break;
    case RN_TEST_RAW_TRICKLE:
      conn->timer = g_timeout_add (self->interval_ms, on_raw_trickle, conn);
      break;
    }
}

static void raw_read (RawConn *conn);

static void
on_raw_read (GObject      *object,
             GAsyncResult *result,
             gpointer      data)
{
  RawConn *conn = data;
  RnTestRawServer *self = conn->server;
  gssize n;

  self->pending--;
  n = g_input_stream_read_finish (G_INPUT_STREAM (object), result, NULL);
  if (n <= 0)
    {
      raw_finish (conn);
      return;
    }

  g_string_append_len (conn->request, (const char *) conn->buf, n);
  if (strstr (conn->request->str, "\r\n\r\n") == NULL && conn->request->len < 65536)
    {
      raw_read (conn);
      return;
    }

  self->pending++;
  g_output_stream_write_all_async (raw_out (conn), self->head, strlen (self->head),
                                   G_PRIORITY_DEFAULT, self->cancellable,
                                   on_raw_head_written, conn);
}

static void
raw_read (RawConn *conn)
{
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (conn->connection));

  conn->server->pending++;
  g_input_stream_read_async (in, conn->buf, sizeof conn->buf, G_PRIORITY_DEFAULT,
                             conn->server->cancellable, on_raw_read, conn);
}

static gboolean
on_raw_incoming (GSocketService    *service,
                 GSocketConnection *connection,
                 GObject           *source,
                 gpointer           data)
{
  RnTestRawServer *self = data;
  RawConn *conn = g_new0 (RawConn, 1);

  conn->server = self;
  conn->connection = g_object_ref (connection);
  conn->request = g_string_new (NULL);
  g_ptr_array_add (self->conns, conn);
  raw_read (conn);
  return TRUE;
}

RnTestRawServer *
rn_test_raw_server_new (RnTestRawMode  mode,
                        const char    *head,
                        GBytes        *body,
                        guint          interval_ms)
{
  RnTestRawServer *self = g_new0 (RnTestRawServer, 1);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) effective = NULL;
  g_autoptr(GError) error = NULL;

  self->mode = mode;
  self->head = g_strdup (head);
  self->body = body != NULL ? g_bytes_ref (body) : g_bytes_new (NULL, 0);
  self->interval_ms = MAX (interval_ms, 1);
  self->cancellable = g_cancellable_new ();
  self->conns = g_ptr_array_new_with_free_func (raw_conn_free);
  self->service = g_socket_service_new ();
  g_socket_listener_add_address (G_SOCKET_LISTENER (self->service), address,
                                 G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                 NULL, &effective, &error);
  g_assert_no_error (error);
  self->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  g_signal_connect (self->service, "incoming", G_CALLBACK (on_raw_incoming), self);
  g_socket_service_start (self->service);
  return self;
}

char *
rn_test_raw_server_url (RnTestRawServer *self,
                        const char      *path)
{
  return g_strdup_printf ("http://127.0.0.1:%u%s", self->port, path);
}

guint64
rn_test_raw_server_get_body_written (RnTestRawServer *self)
{
  return self->body_written;
}

guint
rn_test_raw_server_get_connections (RnTestRawServer *self)
{
  return self->conns->len;
}

void
rn_test_raw_server_free (RnTestRawServer *self)
{
  g_socket_service_stop (self->service);
  g_socket_listener_close (G_SOCKET_LISTENER (self->service));
  g_signal_handlers_disconnect_by_data (self->service, self);
  g_cancellable_cancel (self->cancellable);
  for (guint i = 0; i < self->conns->len; i++)
    {
      RawConn *conn = g_ptr_array_index (self->conns, i);

      conn->done = TRUE;
      g_clear_handle_id (&conn->timer, g_source_remove);
    }
  while (self->pending > 0)
    g_main_context_iteration (NULL, TRUE);
  for (guint i = 0; i < self->conns->len; i++)
    {
      RawConn *conn = g_ptr_array_index (self->conns, i);

      g_io_stream_close (G_IO_STREAM (conn->connection), NULL, NULL);
    }
  g_ptr_array_unref (self->conns);
  g_object_unref (self->service);
  g_object_unref (self->cancellable);
  g_bytes_unref (self->body);
  g_free (self->head);
  g_free (self);
}
